import { describe, expect, it } from 'vitest';
import { compactDiff, lineDiff, type DiffLine } from '../../../electron/common/text/line-diff.js';

/** `' x'` kept, `'+x'` added, `'-x'` removed: compact to read and to write. */
const show = (diff: readonly DiffLine[]) => diff.map((d) => `${d.kind === 'same' ? ' ' : d.kind === 'added' ? '+' : '-'}${d.text}`);

const CASES: readonly (readonly [string, string, string, readonly string[]])[] = [
  ['both empty', '', '', []],
  ['equal texts', 'a\nb\n', 'a\nb\n', [' a', ' b']],
  ['from nothing', '', 'Erster Satz.\n', ['+Erster Satz.']],
  ['to nothing', 'weg\n', '', ['-weg']],
  ['a line appended', 'a\nb\n', 'a\nb\nc\n', [' a', ' b', '+c']],
  ['a line prepended', 'b\n', 'a\nb\n', ['+a', ' b']],
  ['a line changed in the middle', 'a\nalt\nc\n', 'a\nneu\nc\n', [' a', '-alt', '+neu', ' c']],
  ['a line removed', 'a\nb\nc\n', 'a\nc\n', [' a', '-b', ' c']],
  ['a final newline makes no extra line', 'a', 'a\n', [' a']],
  ['Windows line ends equal Unix ones', 'a\r\nb\r\n', 'a\nb\n', [' a', ' b']],
  ['umlauts and typographic quotes', '„Grüße“\n', '„Grüße“ aus Köln\n', ['-„Grüße“', '+„Grüße“ aus Köln']],
  ['interleaved changes keep common lines', 'x\na\ny\nb\nz\n', 'a\nq\nb\n', ['-x', ' a', '-y', '+q', ' b', '-z']],
  ['repeated lines', 'a\na\na\n', 'a\na\n', [' a', ' a', '-a']],
];

describe('lineDiff', () => {
  it.each(CASES)('%s', (_name, before, after, expected) => {
    expect(show(lineDiff(before, after))).toEqual(expected);
  });

  it('always yields the old text from kept+removed lines and the new one from kept+added lines', () => {
    const before = Array.from({ length: 60 }, (_, i) => `Zeile ${i % 7}`).join('\n');
    const after = Array.from({ length: 55 }, (_, i) => `Zeile ${(i * 3) % 11}`).join('\n');
    const diff = lineDiff(before, after);
    expect(diff.filter((d) => d.kind !== 'added').map((d) => d.text).join('\n')).toBe(before);
    expect(diff.filter((d) => d.kind !== 'removed').map((d) => d.text).join('\n')).toBe(after);
  });

  it('degrades a huge changed middle to a replacement instead of building a giant table', () => {
    const before = Array.from({ length: 3000 }, (_, i) => `alt ${i}`).join('\n');
    const after = Array.from({ length: 3000 }, (_, i) => `neu ${i}`).join('\n');
    const diff = lineDiff(before, after);
    expect(diff.filter((d) => d.kind === 'removed')).toHaveLength(3000);
    expect(diff.filter((d) => d.kind === 'added')).toHaveLength(3000);
  });
});

describe('compactDiff', () => {
  const lines = (text: string) => text.split('');
  const COMPACT: readonly (readonly [string, string, string, number, readonly string[]])[] = [
    ['no change: one skip', 'abcde', 'abcde', 1, ['…5']],
    ['change in the middle with one line of context', 'abcdefg', 'abcXefg', 1, ['…2', ' c', '-d', '+X', ' e', '…2']],
    ['change at the start', 'abcde', 'Xbcde', 1, ['-a', '+X', ' b', '…3']],
    ['no context', 'abcde', 'abXde', 0, ['…2', '-c', '+X', '…2']],
    ['two changes close together share context', 'abcdef', 'aXcYef', 1, [' a', '-b', '+X', ' c', '-d', '+Y', ' e', '…1']],
  ];
  it.each(COMPACT)('%s', (_name, before, after, context, expected) => {
    const out = compactDiff(lineDiff(lines(before).join('\n'), lines(after).join('\n')), context);
    expect(out.map((d) => (d.kind === 'skip' ? `…${d.count}` : `${d.kind === 'same' ? ' ' : d.kind === 'added' ? '+' : '-'}${d.text}`))).toEqual(expected);
  });
});
