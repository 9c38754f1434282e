import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { de } from '../../../renderer/i18n/de.js';
import { en } from '../../../renderer/i18n/en.js';

const RENDERER = path.resolve(import.meta.dirname, '../../../renderer');
const TEXT_ATTRIBUTES = new Set(['placeholder', 'title', 'aria-label', 'alt', 'label']);

async function sourceFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await sourceFiles(full)));
    else if (/\.tsx?$/.test(entry.name) && !full.includes(`${path.sep}i18n${path.sep}`)) out.push(full);
  }
  return out;
}

/** Every piece of UI text written straight into a component instead of going through t(). */
function literalUiText(file: string, code: string): string[] {
  const found: string[] = [];
  const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && /\p{L}{2,}/u.test(node.text)) found.push(node.text.trim());
    if (ts.isJsxAttribute(node) && TEXT_ATTRIBUTES.has(node.name.getText()) && node.initializer && ts.isStringLiteral(node.initializer) && /\p{L}{2,}/u.test(node.initializer.text)) {
      found.push(`${node.name.getText()}="${node.initializer.text}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('UI strings', () => {
  it('exist in German and English with the same keys and no empty text', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(de).sort());
    for (const [key, value] of [...Object.entries(de), ...Object.entries(en)]) expect(value.trim(), key).not.toBe('');
  });

  it('use the same placeholders in both languages', () => {
    for (const key of Object.keys(de) as (keyof typeof de)[]) {
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(en[key]), key).toEqual(names(de[key]));
    }
  });

  it('are all defined for every t() call in the renderer', async () => {
    const missing: string[] = [];
    for (const file of await sourceFiles(RENDERER)) {
      const code = await readFile(file, 'utf8');
      for (const m of code.matchAll(/\bt\(\s*'([a-zA-Z0-9.-]+)'/g)) if (!(m[1]! in de)) missing.push(`${path.basename(file)}: ${m[1]}`);
    }
    expect(missing).toEqual([]);
  });

  it('never appear as literal text in components', async () => {
    const literals: string[] = [];
    for (const file of await sourceFiles(RENDERER)) {
      if (!file.endsWith('.tsx')) continue;
      for (const text of literalUiText(file, await readFile(file, 'utf8'))) literals.push(`${path.relative(RENDERER, file)}: ${text}`);
    }
    expect(literals).toEqual([]);
  });

  it('the literal-text check itself finds literal text', () => {
    expect(literalUiText('x.tsx', 'const a = <button title="Speichern">Speichern</button>;')).toEqual(['title="Speichern"', 'Speichern']);
    expect(literalUiText('x.tsx', 'const a = <button aria-label={t("x")}>×</button>;')).toEqual([]);
  });
});
