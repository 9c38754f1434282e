import { describe, expect, it } from 'vitest';
import { formatDate } from '../../../electron/common/text/dates.js';

describe('formatDate', () => {
  const rows: [string, string, string][] = [
    ['2013-01-03T10:00:00', 'de', '3. Januar 2013'],
    ['2013-01-03T10:00:00', 'en', 'January 3, 2013'],
    ['2013-01-03', 'de', '3. Januar 2013'],
    ['2013-01-03 23:59', 'de', '3. Januar 2013'],
    ['2013-01-03T00:00:00.000', 'de', '3. Januar 2013'],
    ['2024-03-21T08:15:00', 'de-DE', '21. März 2024'],
    ['2013-01-03', 'de-AT', '3. Jänner 2013'],
    ['2013-01-03', 'de-CH', '3. Januar 2013'],
    ['2013-01-03', 'de_ch', '3. Januar 2013'],
    ['2013-01-03', 'en-GB', '3 January 2013'],
    ['2013-01-03', 'fr', '3. Januar 2013'],
    ['2013-01-03', '', '3. Januar 2013'],
    [' 2013-12-31 ', 'de', '31. Dezember 2013'],
    ['2024-02-29', 'de', '29. Februar 2024'],
  ];
  for (const [value, lang, expected] of rows) {
    it(`${JSON.stringify(value)} in ${JSON.stringify(lang)} → ${expected}`, () => expect(formatDate(value, lang)).toBe(expected));
  }

  it('shows a date with an offset as the day it is in the given time zone', () => {
    expect(formatDate('2013-01-03T23:30:00Z', 'de', { timeZone: 'UTC' })).toBe('3. Januar 2013');
    expect(formatDate('2013-01-03T23:30:00Z', 'de', { timeZone: 'Europe/Berlin' })).toBe('4. Januar 2013');
    expect(formatDate('2013-01-04T00:30:00+01:00', 'en', { timeZone: 'America/New_York' })).toBe('January 3, 2013');
    expect(formatDate('2013-01-04T00:30:00+0100', 'de', { timeZone: 'UTC' })).toBe('3. Januar 2013');
  });

  it('shows a date without an offset as the calendar day it names in any time zone', () => {
    const before = process.env.TZ;
    try {
      for (const zone of ['Pacific/Honolulu', 'Pacific/Kiritimati', 'UTC']) {
        process.env.TZ = zone;
        expect(formatDate('2013-01-03', 'de')).toBe('3. Januar 2013');
      }
    } finally {
      process.env.TZ = before;
    }
  });

  const bad = ['', 'gestern', '2013-02-30', '2013-13-01', '2013-1-3', '03.01.2013', '2013-01-03T25:00', '2013-01-03T10:00:00Q', 'Not a date'];
  for (const value of bad) {
    it(`returns ${JSON.stringify(value)} unchanged`, () => expect(formatDate(value, 'de')).toBe(value));
  }

  it('returns the value unchanged for an unknown time zone', () => {
    expect(formatDate('2013-01-03T10:00:00Z', 'de', { timeZone: 'Mars/Olympus' })).toBe('2013-01-03T10:00:00Z');
  });
});
