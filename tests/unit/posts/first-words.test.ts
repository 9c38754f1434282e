import { describe, expect, it } from 'vitest';
import { firstWords } from '../../../electron/main/posts/post-store.js';

/** The list's excerpt as it was first written: two regular expressions over the whole head. */
function byRegex(body: string): string {
  const plain = body.replace(/[#>*_`[\]()!|-]/g, ' ').replace(/\s+/g, ' ').trim();
  return plain.length > 160 ? plain.slice(0, 157) + '…' : plain;
}

const PARTS = ['Wort', ' ', '  ', '\n', '\t', '\u00a0', '\u2009', '\u3000', '\ufeff', '#', '## ', '**', '_', '`', '[', '](', ')', '!', '|', '-', 'Äpfel', 'ß', '👍🏽', 'x'];

describe('firstWords', () => {
  it('gives what the two regular expressions give', () => {
    let state = 17;
    const next = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 4294967296);
    for (let round = 0; round < 2000; round++) {
      const body = Array.from({ length: Math.floor(next() * 120) }, () => PARTS[Math.floor(next() * PARTS.length)]).join('');
      expect(firstWords(body), JSON.stringify(body)).toBe(byRegex(body));
    }
  });
});
