import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { shortcodeUnautop, splitHtmlTags, wpautop } from '../../../electron/common/markdown/wpautop.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/import');

interface AutopCase {
  name: string;
  input: string;
  br?: boolean;
  /** What WordPress's own wpautop() + shortcode_unautop() return (tests/fixtures/import/wpautop-expected.php). */
  expected: string;
}

const cases = JSON.parse(readFileSync(path.join(FIXTURES, 'wpautop-cases.json'), 'utf8')) as AutopCase[];

describe('wpautop (port of WordPress formatting.php)', () => {
  it('has the cases WordPress produced', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(shortcodeUnautop(wpautop(c.input, c.br ?? true))).toBe(c.expected);
  });
});

describe('splitHtmlTags', () => {
  it.each([
    ['text only', 'abc', ['abc']],
    ['tag and text', 'a<b>c</b>', ['a', '<b>', 'c', '</b>', '']],
    ['comment with > inside', 'x<!-- a > b -->y', ['x', '<!-- a > b -->', 'y']],
    ['unclosed tag runs to the end', 'x<a href', ['x', '<a href', '']],
  ] as const)('%s', (_name, input, parts) => {
    expect(splitHtmlTags(input)).toEqual(parts);
  });
});
