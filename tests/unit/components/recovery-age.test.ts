import { describe, expect, it } from 'vitest';
import { recoveryAge } from '../../../renderer/components/RecoveryDialog.js';
import { translator } from '../../../renderer/i18n/i18n.js';

const NOW = Date.UTC(2026, 11, 2, 10, 0, 0);
const MIN = 60_000;

describe('recoveryAge', () => {
  const de = translator('de');
  const en = translator('en');
  it.each([
    [NOW, 'gerade eben'],
    [NOW - 59_000, 'gerade eben'],
    [NOW - 2 * MIN, 'vor 2 Minuten'],
    [NOW - 1 * MIN, 'vor 1 Minute'],
    [NOW - 3 * 60 * MIN, 'vor 3 Stunden'],
    [NOW + 5000, 'gerade eben'],
  ])('German: %s → %s', (savedMs, expected) => {
    expect(recoveryAge(savedMs, NOW, 'de', de)).toBe(expected);
  });

  it('older than a day: a German date with time', () => {
    expect(recoveryAge(NOW - 3 * 24 * 60 * MIN, NOW, 'de', de)).toMatch(/^29\.11\.2026, \d{2}:\d{2}$/);
  });

  it('English', () => {
    expect(recoveryAge(NOW - 2 * MIN, NOW, 'en', en)).toBe('2 minutes ago');
    expect(recoveryAge(NOW, NOW, 'en', en)).toBe('just now');
  });
});
