import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../renderer/styles/theme.css');

/** The custom properties of one rule of theme.css, by its exact selector. */
function themeVariables(selector: string): Map<string, string> {
  const css = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  const rules = [...css.matchAll(/([^{}]+)\{([^}]*)\}/g)];
  const rule = rules.find((r) => (r[1] ?? '').trim() === selector);
  if (!rule) throw new Error(`theme.css hat keine Regel „${selector}“`);
  const vars = new Map<string, string>();
  for (const m of (rule[2] ?? '').matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)) vars.set(m[1] ?? '', (m[2] ?? '').trim());
  return vars;
}

function rgb(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex);
  if (!m?.[1]) throw new Error(`keine volle Farbe (#rgb/#rrggbb): ${hex}`);
  const h = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
}

/** WCAG 2.x relative luminance and contrast ratio. */
function luminance(hex: string): number {
  const [r, g, b] = rgb(hex).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** [text or UI colour, background, minimum ratio, where it is used]. 4.5 for text, 3 for borders and focus rings. */
const PAIRS: [string, string, number, string][] = [
  ['--ink', '--bg', 4.5, 'text on the window'],
  ['--ink', '--panel', 4.5, 'editor and fields'],
  ['--ink', '--sidebar-bg', 4.5, 'library list'],
  ['--ink', '--accent-soft', 4.5, 'chosen search result'],
  ['--ink', '--mark-bg', 4.5, 'highlighted match'],
  ['--ink', '--selection', 4.5, 'selected text in the editor'],
  ['--ink', '--warn-bg', 4.5, 'warning banner'],
  ['--ink', '--error-bg', 4.5, 'error banner'],
  ['--muted', '--bg', 4.5, 'secondary text'],
  ['--muted', '--panel', 4.5, 'labels in fields and dialogs'],
  ['--muted', '--sidebar-bg', 4.5, 'post dates and word counts'],
  ['--muted', '--accent-soft', 4.5, 'snippet of the chosen result'],
  ['--muted', '--badge-bg', 4.5, 'draft badge'],
  ['--faint', '--panel', 4.5, 'placeholder text'],
  ['--accent', '--panel', 4.5, 'links and accent text'],
  ['--accent', '--accent-soft', 4.5, 'chips, published badge'],
  ['--on-accent', '--accent-fill', 4.5, 'primary buttons'],
  ['--danger', '--panel', 4.5, 'errors and problems'],
  ['--danger', '--sidebar-bg', 4.5, 'unreadable post in the list'],
  ['--danger', '--error-bg', 4.5, 'failed outbox job'],
  ['--on-danger', '--danger-solid', 4.5, 'delete button'],
  ['--warn-ink', '--bg', 4.5, 'unsaved, notes in the status bar'],
  ['--code', '--panel', 4.5, 'inline code in the editor'],
  ['--badge-ready-ink', '--badge-ready-bg', 4.5, 'ready badge'],
  ['--badge-scheduled-ink', '--badge-scheduled-bg', 4.5, 'scheduled badge'],
  ['--article-ink', '--preview-bg', 4.5, 'preview text'],
  ['--article-muted', '--preview-bg', 4.5, 'preview quotes'],
  ['--article-caption', '--preview-bg', 4.5, 'preview captions and credits'],
  ['--article-link', '--preview-bg', 4.5, 'preview links'],
  ['--article-ink', '--article-code-bg', 4.5, 'preview inline code'],
  ['--article-ink', '--article-pre-bg', 4.5, 'preview code blocks'],
  ['--note-ink', '--note-bg', 4.5, 'preview notes (limits)'],
  ['--control-line', '--panel', 3, 'borders of fields and buttons'],
  ['--control-line', '--bg', 3, 'borders of toolbar buttons'],
  ['--control-line', '--sidebar-bg', 3, 'borders of the sidebar filter'],
  ['--accent', '--bg', 3, 'focus ring'],
];

describe.each([
  ['hell', ':root'],
  ['dunkel', ":root[data-theme='dark']"],
])('WCAG AA contrast, %s', (_name, selector) => {
  const vars = themeVariables(selector);
  const color = (name: string) => {
    const value = vars.get(name);
    if (value === undefined) throw new Error(`${name} fehlt in ${selector}`);
    return value;
  };

  it('defines every colour the light theme defines', () => {
    expect([...vars.keys()].sort()).toEqual([...themeVariables(':root').keys()].sort());
  });

  it.each(PAIRS)('%s on %s ≥ %s:1 (%s)', (fg, bg, min) => {
    expect(contrast(color(fg), color(bg))).toBeGreaterThanOrEqual(min);
  });
});
