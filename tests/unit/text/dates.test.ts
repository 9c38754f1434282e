import { describe, expect, it } from 'vitest';
import {
  dateFieldText,
  dateFieldValue,
  dayPattern,
  formatDate,
  formatDateTimeShort,
  parseDay,
  parseTime,
  type DateFieldLanguage,
} from '../../../electron/common/text/dates.js';

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

describe('dateFieldText: what the date field shows', () => {
  const rows: [string, DateFieldLanguage, string, string, boolean][] = [
    // value, UI language, day, time, zoned
    ['2013-01-03', 'de', '03.01.2013', '', false],
    ['2013-01-03', 'en', '03/01/2013', '', false],
    ['2013-01-03T10:00:00', 'de', '03.01.2013', '10:00', false],
    ['2013-01-03 10:00', 'de', '03.01.2013', '10:00', false],
    ['2013-01-03T10:00:30', 'en', '03/01/2013', '10:00:30', false],
    ['2013-01-03T10:00:00.250', 'de', '03.01.2013', '10:00', false],
    // With an offset: shown in Europe/Berlin (winter +1, summer +2), the day may change.
    ['2013-01-03T10:00:00Z', 'de', '03.01.2013', '11:00', true],
    ['2013-07-03T10:00:00Z', 'de', '03.07.2013', '12:00', true],
    ['2013-01-03T23:30:00Z', 'de', '04.01.2013', '00:30', true],
    ['2013-01-03T10:00:00+01:00', 'de', '03.01.2013', '10:00', true],
    ['2013-01-03T10:00:00-0500', 'en', '03/01/2013', '16:00', true],
    ['', 'de', '', '', false],
  ];
  it.each(rows)('%j (%s) → %j %j', (value, language, day, time, zoned) => {
    expect(dateFieldText(value, language)).toEqual({ day, time, zoned, unreadable: false });
  });

  it.each(['gestern', '2013-02-30', '2013-01-03T25:00', '3.1.2013'])('shows %j as written, marked unreadable', (value) => {
    expect(dateFieldText(value, 'de')).toEqual({ day: value, time: '', zoned: false, unreadable: true });
  });

  it('uses another time zone when given', () => {
    expect(dateFieldText('2013-01-03T10:00:00Z', 'en', 'America/New_York')).toMatchObject({ day: '03/01/2013', time: '05:00' });
  });

  it('names the pattern in the UI language', () => {
    expect([dayPattern('de'), dayPattern('en')]).toEqual(['TT.MM.JJJJ', 'DD/MM/YYYY']);
  });
});

describe('parseDay and parseTime', () => {
  const days: [string, DateFieldLanguage, string | null][] = [
    ['03.01.2013', 'de', '2013-1-3'],
    ['3.1.2013', 'de', '2013-1-3'],
    [' 31.12.1999 ', 'de', '1999-12-31'],
    ['2013-01-03', 'de', '2013-1-3'],
    ['2013-01-03', 'en', '2013-1-3'],
    ['03/01/2013', 'en', '2013-1-3'],
    ['03/01/2013', 'de', null],
    ['03.01.2013', 'en', null],
    ['30.02.2013', 'de', null],
    ['29.02.2024', 'de', '2024-2-29'],
    ['3.1.13', 'de', null],
    ['', 'de', null],
  ];
  it.each(days)('day %j (%s) → %s', (input, language, expected) => {
    const p = parseDay(input, language);
    expect(p ? `${p.year}-${p.month}-${p.day}` : null).toBe(expected);
  });

  const times: [string, string | null][] = [
    ['9:30', '9:30:0'],
    ['09:30', '9:30:0'],
    ['09.30', '9:30:0'],
    ['23:59:59', '23:59:59'],
    ['24:00', null],
    ['9:60', null],
    ['9', null],
  ];
  it.each(times)('time %j → %s', (input, expected) => {
    const p = parseTime(input);
    expect(p ? `${p.hour}:${p.minute}:${p.second}` : null).toBe(expected);
  });
});

describe('dateFieldValue: what the date field writes', () => {
  const rows: [string, { day: string; time: string }, string, DateFieldLanguage, string][] = [
    // name, input, previous value, language, written value
    ['a date only stays a date only', { day: '04.01.2013', time: '' }, '2013-01-03', 'de', '2013-01-04'],
    ['clearing the time makes a date', { day: '03.01.2013', time: '' }, '2013-01-03T10:00:00', 'de', '2013-01-03'],
    ['a time without offset is written as local time', { day: '03/01/2013', time: '9:05' }, '2013-01-03', 'en', '2013-01-03T09:05:00'],
    ['seconds are kept', { day: '03.01.2013', time: '10:00:30' }, '', 'de', '2013-01-03T10:00:30'],
    ['ISO typed in the English field', { day: '2013-01-03', time: '' }, '', 'en', '2013-01-03'],
    ['an offset value keeps Z', { day: '03.01.2013', time: '12:00' }, '2013-01-03T10:00:00Z', 'de', '2013-01-03T11:00:00Z'],
    ['… and +01:00', { day: '03.01.2013', time: '12:00' }, '2013-01-03T10:00:00+01:00', 'de', '2013-01-03T12:00:00+01:00'],
    ['… and -0500 across midnight', { day: '04.01.2013', time: '02:00' }, '2013-01-03T10:00:00-0500', 'de', '2013-01-03T20:00:00-0500'],
    ['summer time in Berlin', { day: '01.07.2013', time: '12:00' }, '2013-07-01T10:00:00Z', 'de', '2013-07-01T10:00:00Z'],
    ['empty removes the date', { day: '', time: '' }, '2013-01-03', 'de', ''],
  ];
  it.each(rows)('%s', (_name, input, previous, language, expected) => {
    expect(dateFieldValue(input, previous, language)).toEqual({ ok: true, value: expected });
  });

  it('what it writes shows again as typed', () => {
    for (const [, input, previous, language, written] of rows) {
      if (written === '') continue;
      const shown = dateFieldText(written, language);
      expect(parseDay(shown.day, language)).toEqual(parseDay(input.day, language));
      if (input.time) expect(parseTime(shown.time)).toEqual(parseTime(input.time));
      else expect(shown.time).toBe('');
      expect(previous === '' || shown.zoned === /[Zz+-]\d*:?\d*$/.test(previous.slice(10))).toBe(true);
    }
  });

  it.each<[{ day: string; time: string }, 'day-invalid' | 'time-invalid']>([
    [{ day: '31.02.2013', time: '' }, 'day-invalid'],
    [{ day: '', time: '10:00' }, 'day-invalid'],
    [{ day: '03.01.2013', time: '10 Uhr' }, 'time-invalid'],
  ])('refuses %j', (input, error) => {
    expect(dateFieldValue(input, '', 'de')).toEqual({ ok: false, error });
  });

  it('formats a date-time for messages', () => {
    expect(formatDateTimeShort('2025-03-01T11:00:00', 'de')).toBe('01.03.2025, 11:00');
    expect(formatDateTimeShort('2025-03-01', 'en')).toBe('01/03/2025');
    expect(formatDateTimeShort('bald', 'de')).toBe('bald');
  });
});
