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
