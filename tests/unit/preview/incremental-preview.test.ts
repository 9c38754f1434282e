// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { scanBlocks, splitBlocks } from '../../../electron/common/markdown/blocks.js';
import { splitFrontMatter } from '../../../electron/common/markdown/front-matter.js';
import { IncrementalPreview } from '../../../renderer/preview/incremental-preview.js';
import { commonPrefix, commonSuffix } from '../../../renderer/preview/text-diff.js';

/** Every preview a test makes; their idle rendering and end-credit timers stop when the test ends (else a timer
 * fires after the test environment is gone). */
const made: IncrementalPreview[] = [];
class TrackedPreview extends IncrementalPreview {
  constructor(...args: ConstructorParameters<typeof IncrementalPreview>) {
    super(...args);
    made.push(this);
  }
}
afterEach(() => {
  for (const preview of made.splice(0)) preview.clear();
});

const sanitize = { resolveLocalImage: (s: string) => s, remoteImageLabel: (s: string) => s };
const context = { options: { lang: 'de' }, key: 'k' };

const PIECES = [
  'Ein Absatz mit [Link][ref].', '- Punkt eins\n- Punkt zwei', '  eingerückt unter der Liste', '> Zitat',
  '```js\nconst a = 1;\n\nconst b = 2;\n```', '```', '[ref]: https://example.org/ref', '## Überschrift',
  '    Code', '<!-- Kommentar', '-->', '1. Eins', '', '', '\n', 'Noch ein Satz.',
];

/** A deterministic pseudo-random source, so every run edits the same way. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

function shown(container: HTMLElement): string[] {
  return [...container.querySelectorAll<HTMLElement>('.k-block:not(.k-end-credits)')].map((el) => `${el.dataset['line']}|${el.innerHTML}`);
}

async function settled(container: HTMLElement): Promise<void> {
  for (let i = 0; i < 400 && container.querySelector('.k-pending'); i++) await new Promise((r) => setTimeout(r, 5));
}

describe('scanBlocks', () => {
  it('finds from any block start the blocks a scan from the top finds', () => {
    const next = random(7);
    for (let round = 0; round < 40; round++) {
      const body = Array.from({ length: 30 }, () => PIECES[Math.floor(next() * PIECES.length)]).join('\n\n');
      const all = [...scanBlocks(body)];
      expect(all.map((b) => ({ src: b.src, line: b.line }))).toEqual(splitBlocks(body));
      for (let k = 0; k < all.length; k++) {
        const b = all[k];
        if (!b) continue;
        expect([...scanBlocks(body, b.start, b.line)]).toEqual(all.slice(k));
      }
    }
  });
});

describe('text-diff', () => {
  it('finds common prefix and suffix across chunk borders', () => {
    const a = 'x'.repeat(5000) + 'A' + 'y'.repeat(4000);
    const b = 'x'.repeat(5000) + 'BC' + 'y'.repeat(4000);
    expect(commonPrefix(a, b)).toBe(5000);
    expect(commonSuffix(a, b, Math.min(a.length, b.length) - 5000)).toBe(4000);
    expect(commonPrefix(a, a)).toBe(a.length);
  });
});

describe('IncrementalPreview', () => {
  it('shows after any sequence of edits what a fresh preview shows', async () => {
    const next = random(11);
    const container = document.createElement('article');
    const preview = new TrackedPreview(container, () => context, () => sanitize);
    let text = `---\ntitle: T\n---\n\n${Array.from({ length: 20 }, () => PIECES[Math.floor(next() * PIECES.length)]).join('\n\n')}`;
    preview.update(text);
    for (let step = 0; step < 60; step++) {
      const at = Math.floor(next() * (text.length + 1));
      const cut = next() < 0.4 ? Math.floor(next() * 12) : 0;
      const insert = next() < 0.7 ? (PIECES[Math.floor(next() * PIECES.length)] ?? '') : '';
      text = text.slice(0, at) + insert + text.slice(Math.min(text.length, at + cut));
      preview.update(text);
      await settled(container);
      const fresh = document.createElement('article');
      new TrackedPreview(fresh, () => context, () => sanitize).update(text);
      await settled(fresh);
      expect(shown(container), `after edit ${step}`).toEqual(shown(fresh));
    }
  }, 60_000);

  it('shows after edits reported as spans (as the editor reports them) what a fresh preview shows', async () => {
    const next = random(23);
    const container = document.createElement('article');
    const preview = new TrackedPreview(container, () => context, () => sanitize);
    // Long enough that finding where the blocks split as before needs more than the first window behind an edit.
    let text = `---\ntitle: T\n---\n\n${Array.from({ length: 250 }, () => PIECES[Math.floor(next() * PIECES.length)]).join('\n\n')}`;
    preview.update(text);
    for (let step = 0; step < 30; step++) {
      const at = Math.floor(next() * (text.length + 1));
      const cut = next() < 0.4 ? Math.floor(next() * 12) : 0;
      const insert = next() < 0.7 ? (PIECES[Math.floor(next() * PIECES.length)] ?? '') : '';
      const to = Math.min(text.length, at + cut);
      text = text.slice(0, at) + insert + text.slice(to);
      const split = splitFrontMatter(text);
      const read = { reads: 0 };
      const lazy = { length: text.length, value: () => (read.reads++, text), slice: (f: number, t: number) => text.slice(f, t) };
      preview.updateEdit({ text: lazy, bodyOffset: split.bodyOffset, bodyLine: split.bodyLine, span: { from: at, toA: to, toB: at + insert.length } });
      await settled(container);
      const fresh = document.createElement('article');
      new TrackedPreview(fresh, () => context, () => sanitize).update(text);
      await settled(fresh);
      expect(shown(container), `after edit ${step}`).toEqual(shown(fresh));
    }
  }, 120_000);

  it('reads only the edited part of a long post when the editor reports an edit', () => {
    const container = document.createElement('article');
    const preview = new TrackedPreview(container, () => context, () => sanitize);
    const text = `---\ntitle: T\n---\n\n${Array.from({ length: 3000 }, (_, i) => `Absatz ${i} mit etwas Text.`).join('\n\n')}`;
    preview.update(text);
    const at = text.indexOf('Absatz 1500') + 10;
    const after = `${text.slice(0, at)} neu${text.slice(at)}`;
    let whole = 0;
    let sliced = 0;
    const lazy = {
      length: after.length,
      value: () => (whole++, after),
      slice: (f: number, t: number) => ((sliced += t - f), after.slice(f, t)),
    };
    const split = splitFrontMatter(after);
    const result = preview.updateEdit({ text: lazy, bodyOffset: split.bodyOffset, bodyLine: split.bodyLine, span: { from: at, toA: at, toB: at + 4 } });
    expect(result).toEqual({ rendered: 1, total: 3000 });
    expect(whole).toBe(0);
    // A long post's blocks sit in chunks, which the stylesheet lets Chromium skip while out of sight.
    expect(container.classList.contains('k-long')).toBe(true);
    expect(container.querySelectorAll('.k-chunk').length).toBeGreaterThan(50);
    expect(container.querySelectorAll('.k-chunk > .k-block').length).toBe(3000);
    expect(sliced).toBeLessThan(10_000);
  });

  it('renders only the edited block when typing in a long post', () => {
    const container = document.createElement('article');
    const preview = new TrackedPreview(container, () => context, () => sanitize);
    const body = Array.from({ length: 300 }, (_, i) => `Absatz ${i} mit etwas Text.`).join('\n\n');
    preview.update(body);
    const at = body.indexOf('Absatz 150') + 10;
    const result = preview.update(`${body.slice(0, at)} neu${body.slice(at)}`);
    expect(result).toEqual({ rendered: 1, total: 300 });
  });

  it('cuts a huge post with a note and still shows its start', () => {
    const container = document.createElement('article');
    const preview = new TrackedPreview(container, () => ({ options: { lang: 'de' }, key: 'k' }), () => sanitize);
    preview.update(`Anfang\n\n${'Zeile mit Text\n'.repeat(220_000)}`);
    expect(container.querySelector('.k-preview-cut')?.textContent).toContain('Die Vorschau zeigt die ersten');
    expect(container.querySelector('.k-block')?.textContent).toContain('Anfang');
  }, 60_000);
});
