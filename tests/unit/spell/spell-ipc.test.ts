import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../../electron/common/ipc/channels.js';
import { spellCheckResultSchema, spellSuggestResultSchema, spellWordResultSchema } from '../../../electron/common/model/spell.js';
import type { Result } from '../../../electron/common/result.js';
import { useTestServices } from '../../support/services.js';

const SLOW = 60_000;

/** The spell channels as the renderer reaches them: through the same dispatcher Electron's IPC and the web host use. */
describe('spell channels through the dispatcher', () => {
  const t = useTestServices('spell-ipc');

  function value(result: Result<unknown>): unknown {
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value;
  }

  it('lists the four spell channels', () => {
    expect(CHANNELS).toEqual(expect.arrayContaining(['spellCheck', 'spellSuggest', 'spellAddWord', 'spellIgnoreWord']));
  });

  it('checks, suggests, adds to the library’s word list and ignores', async () => {
    // „Kladde“ and „Markdown“ come with a new library's word list; „Kladdeblog“ does not.
    const text = 'Kladde und Markdown: Kladdeblog hat einen Rechtschreibfeler und ein Ignorierwortt.';
    const checked = spellCheckResultSchema.parse(value(await t.dispatch('spellCheck', [{ lang: 'de', text }])));
    expect(checked.misspelled.map((m) => m.word)).toEqual(['Kladdeblog', 'Rechtschreibfeler', 'Ignorierwortt']);

    const suggested = spellSuggestResultSchema.parse(value(await t.dispatch('spellSuggest', [{ lang: 'de', word: 'Rechtschreibfeler' }])));
    expect(suggested.suggestions).toContain('Rechtschreibfehler');

    expect(spellWordResultSchema.parse(value(await t.dispatch('spellAddWord', ['Kladdeblog'])))).toEqual({ word: 'Kladdeblog', changed: true });
    const words = (await readFile(path.join(t.dir, 'Bibliothek', '.kladde', 'woerterbuch.txt'), 'utf8')).split('\n');
    expect(words).toEqual(expect.arrayContaining(['Kladde', 'Markdown', 'Kladdeblog']));
    expect(words.at(-2)).toBe('Kladdeblog');
    value(await t.dispatch('spellIgnoreWord', ['Ignorierwortt']));

    const again = spellCheckResultSchema.parse(value(await t.dispatch('spellCheck', [{ lang: 'de', text }])));
    expect(again.misspelled.map((m) => m.word)).toEqual(['Rechtschreibfeler']);
  }, SLOW);

  it('finds nothing to underline in a new library’s welcome post', async () => {
    const post = value(await t.dispatch('openPost', ['willkommen-in-kladde'])) as { text: string };
    const checked = spellCheckResultSchema.parse(value(await t.dispatch('spellCheck', [{ lang: 'de', text: post.text }])));
    expect(checked.misspelled.map((m) => m.word)).toEqual([]);
  }, SLOW);

  it('refuses oversized or malformed input before it reaches the checker', async () => {
    const bad: [string, unknown[]][] = [
      ['spellCheck', [{ lang: 'de', text: 'x'.repeat(2_000_001) }]],
      ['spellCheck', [{ lang: 'de', text: 'ok', ranges: [{ from: 5, to: 1 }] }]],
      ['spellCheck', [{ lang: 'de', text: 'ok', ranges: Array.from({ length: 2_001 }, () => ({ from: 0, to: 1 })) }]],
      ['spellCheck', [{ lang: 'de', text: 'ok', offset: -1 }]],
      ['spellCheck', [{ lang: 'de'.repeat(20), text: 'ok' }]],
      ['spellCheck', [{ lang: 'de', text: 'ok', extra: true }]],
      ['spellSuggest', [{ lang: 'de', word: 'zwei Wörter' }]],
      ['spellSuggest', [{ lang: 'de', word: 'w'.repeat(101) }]],
      ['spellAddWord', ['']],
      ['spellAddWord', ['Zeile\nUmbruch']],
      ['spellIgnoreWord', [42]],
    ];
    for (const [channel, args] of bad) {
      const result = await t.dispatch(channel, args);
      expect(result.ok, channel).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('invalid-input');
    }
  });
});
