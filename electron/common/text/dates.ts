/** Locales for the languages a post or the UI can have; anything else reads German. */
const LOCALES: Readonly<Record<string, string>> = {
  de: 'de-DE',
  'de-de': 'de-DE',
  'de-at': 'de-AT',
  'de-ch': 'de-CH',
  en: 'en-US',
  'en-us': 'en-US',
  'en-gb': 'en-GB',
};

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export interface FormatDateOptions {
  /** Time zone for dates written with an offset (`…Z`, `…+02:00`); the system's zone when left out. */
  timeZone?: string;
}

/**
 * A front matter date as people read it: `2013-01-03T10:00:00` → „3. Januar 2013“ in German (de-AT: „3. Jänner
 * 2013“), "January 3, 2013" in English. A date written without an offset is shown as the calendar day it
 * names, whatever the time zone; one with an offset is shown as the day it is in `timeZone`. Anything that is
 * not a valid date comes back unchanged, so the UI can always show what the file says.
 */
export function formatDate(value: string, lang: string, options: FormatDateOptions = {}): string {
  const match = ISO.exec(value.trim());
  if (!match) return value;
  const [, y, mo, d, h = '0', mi = '0', s = '0', offset] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const calendar = new Date(Date.UTC(year, month - 1, day, Number(h), Number(mi), Number(s)));
  // Reject what Date would quietly roll over: 2013-02-30, 25:00.
  if (
    calendar.getUTCFullYear() !== year ||
    calendar.getUTCMonth() !== month - 1 ||
    calendar.getUTCDate() !== day ||
    calendar.getUTCHours() !== Number(h) ||
    calendar.getUTCMinutes() !== Number(mi) ||
    calendar.getUTCSeconds() !== Number(s)
  ) {
    return value;
  }

  const locale = LOCALES[lang.trim().toLowerCase().replace('_', '-')] ?? 'de-DE';
  try {
    if (offset === undefined) {
      return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(calendar);
    }
    const normalizedOffset = offset === 'Z' ? 'Z' : `${offset.slice(0, 3)}:${offset.slice(-2)}`;
    const instant = new Date(`${y}-${mo}-${d}T${h.padStart(2, '0')}:${mi}:${s.padStart(2, '0')}${normalizedOffset}`);
    if (Number.isNaN(instant.getTime())) return value;
    return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: options.timeZone }).format(instant);
  } catch {
    // An unknown time zone name.
    return value;
  }
}

// ── The date field ────────────────────────────────────────────────────────────────────────────────────────────

/** Where a date written with an offset (`…Z`, `…+01:00`) is shown and edited, unless the caller names another. */
export const DEFAULT_TIME_ZONE = 'Europe/Berlin';

/** The languages the date field is written in: the UI's, not the browser's. */
export type DateFieldLanguage = 'de' | 'en';

/** A front matter `date:` as the date field shows it. */
export interface DateFieldText {
  /** `03.01.2013` (de) or `03/01/2013` (en); empty when there is no date. */
  day: string;
  /** `10:00` (`10:00:30` when the seconds are not zero); empty for a date without time. */
  time: string;
  /** The value has an offset, so the time is shown in the time zone, not as written. */
  zoned: boolean;
  /** The value is not a date Kladde can read; `day` then holds it as written. */
  unreadable: boolean;
}

/** The placeholder of the day input. */
export function dayPattern(language: DateFieldLanguage): string {
  return language === 'de' ? 'TT.MM.JJJJ' : 'DD/MM/YYYY';
}

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Whether the parts name a real calendar day and clock time (no 30 February, no 25:00). */
function valid(p: Parts): boolean {
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second));
  return (
    p.year >= 1 &&
    d.getUTCFullYear() === p.year &&
    d.getUTCMonth() === p.month - 1 &&
    d.getUTCDate() === p.day &&
    d.getUTCHours() === p.hour &&
    d.getUTCMinutes() === p.minute &&
    d.getUTCSeconds() === p.second
  );
}

/** Milliseconds the zone is ahead of UTC at an instant. */
function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(instant / 1000) * 1000;
}

function partsOf(ms: number): Parts {
  const d = new Date(ms);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

const wallMs = (p: Parts) => Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);

/** Offset text (`Z`, `+01:00`, `+0100`) in minutes east of UTC. */
function offsetMinutes(offset: string): number {
  if (offset === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
}

function formatDay(p: Pick<Parts, 'year' | 'month' | 'day'>, language: DateFieldLanguage): string {
  const sep = language === 'de' ? '.' : '/';
  return `${pad(p.day)}${sep}${pad(p.month)}${sep}${pad(p.year, 4)}`;
}

function formatTime(p: Pick<Parts, 'hour' | 'minute' | 'second'>): string {
  return `${pad(p.hour)}:${pad(p.minute)}${p.second ? `:${pad(p.second)}` : ''}`;
}

/**
 * What the date field shows for a front matter `date:`. A date without time stays a date (no invented
 * midnight); a time without offset is shown as written; a time with an offset is shown in `timeZone`.
 */
export function dateFieldText(value: string, language: DateFieldLanguage, timeZone: string = DEFAULT_TIME_ZONE): DateFieldText {
  const text = value.trim();
  if (text === '') return { day: '', time: '', zoned: false, unreadable: false };
  const match = ISO.exec(text);
  const unreadable: DateFieldText = { day: value, time: '', zoned: false, unreadable: true };
  if (!match) return unreadable;
  const [, y, mo, d, h, mi, s, offset] = match;
  const parts: Parts = { year: Number(y), month: Number(mo), day: Number(d), hour: Number(h ?? 0), minute: Number(mi ?? 0), second: Number(s ?? 0) };
  if (!valid(parts)) return unreadable;
  if (h === undefined) return { day: formatDay(parts, language), time: '', zoned: false, unreadable: false };
  if (offset === undefined) return { day: formatDay(parts, language), time: formatTime(parts), zoned: false, unreadable: false };
  try {
    const instant = wallMs(parts) - offsetMinutes(offset) * 60_000;
    const shown = partsOf(instant + zoneOffsetMs(instant, timeZone));
    return { day: formatDay(shown, language), time: formatTime(shown), zoned: true, unreadable: false };
  } catch {
    return unreadable;
  }
}

/** Reads a typed day: `3.1.2013` / `03.01.2013` (de), `3/1/2013` (en), or ISO `2013-01-03` in either. */
export function parseDay(input: string, language: DateFieldLanguage): Pick<Parts, 'year' | 'month' | 'day'> | null {
  const text = input.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const local = (language === 'de' ? /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/ : /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/).exec(text);
  const [year, month, day] = iso ? [iso[1], iso[2], iso[3]] : local ? [local[3], local[2], local[1]] : [];
  if (year === undefined || month === undefined || day === undefined) return null;
  const parts = { year: Number(year), month: Number(month), day: Number(day), hour: 0, minute: 0, second: 0 };
  return valid(parts) ? { year: parts.year, month: parts.month, day: parts.day } : null;
}

/** Reads a typed time: `9:30`, `09:30`, `09.30`, `09:30:15`. */
export function parseTime(input: string): Pick<Parts, 'hour' | 'minute' | 'second'> | null {
  const m = /^(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?$/.exec(input.trim());
  if (!m) return null;
  const parts = { year: 2000, month: 1, day: 1, hour: Number(m[1]), minute: Number(m[2]), second: Number(m[3] ?? 0) };
  return valid(parts) ? { hour: parts.hour, minute: parts.minute, second: parts.second } : null;
}

export type DateFieldResult = { ok: true; value: string } | { ok: false; error: 'day-invalid' | 'time-invalid' };

/**
 * The front matter value for what the date field holds. No day and no time: empty (the key goes). A day without
 * time is written as a date (`2013-01-03`). With a time, a `previous` value with an offset keeps its offset (the
 * typed time is read in `timeZone` and written back in the offset it had); otherwise the time is written as
 * local time without offset, as WordPress and Hugo take it.
 */
export function dateFieldValue(
  input: { day: string; time: string },
  previous: string,
  language: DateFieldLanguage,
  timeZone: string = DEFAULT_TIME_ZONE,
): DateFieldResult {
  if (input.day.trim() === '' && input.time.trim() === '') return { ok: true, value: '' };
  const day = parseDay(input.day, language);
  if (!day) return { ok: false, error: 'day-invalid' };
  const date = `${pad(day.year, 4)}-${pad(day.month)}-${pad(day.day)}`;
  if (input.time.trim() === '') return { ok: true, value: date };
  const time = parseTime(input.time);
  if (!time) return { ok: false, error: 'time-invalid' };
  const wall: Parts = { ...day, ...time };
  const offset = ISO.exec(previous.trim())?.[7];
  if (offset === undefined) return { ok: true, value: `${date}T${pad(time.hour)}:${pad(time.minute)}:${pad(time.second)}` };
  // The shown time was in `timeZone`: find the instant, then write it in the offset the value had.
  let instant = wallMs(wall) - zoneOffsetMs(wallMs(wall), timeZone);
  instant = wallMs(wall) - zoneOffsetMs(instant, timeZone);
  const out = partsOf(instant + offsetMinutes(offset) * 60_000);
  return {
    ok: true,
    value: `${pad(out.year, 4)}-${pad(out.month)}-${pad(out.day)}T${pad(out.hour)}:${pad(out.minute)}:${pad(out.second)}${offset}`,
  };
}

/** A date-time for messages in the UI language (`03.01.2013, 10:00`), or the value as written if unreadable. */
export function formatDateTimeShort(value: string, language: DateFieldLanguage, timeZone: string = DEFAULT_TIME_ZONE): string {
  const shown = dateFieldText(value, language, timeZone);
  if (shown.unreadable) return value;
  return shown.time ? `${shown.day}, ${shown.time}` : shown.day;
}
