import { DEFAULT_TIME_ZONE } from '../../electron/common/text/dates';
import { uiDateLocale, type UiLanguage } from '../i18n/i18n';

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * When a scheduled post goes out, short, in the UI language: „3. Dez., 08:00“ / "3 Dec, 08:00" (with the year
 * when it is not this year's). A time without zone is the blog's (site-local) time and shown as written; one with
 * a zone is shown in Europe/Berlin, as the date field does. A date without time shows the day only; anything
 * unreadable comes back as written.
 */
export function formatScheduled(value: string, language: UiLanguage, now: Date = new Date(), timeZone: string = DEFAULT_TIME_ZONE): string {
  const m = ISO.exec(value.trim());
  if (!m) return value;
  const [, y, mo, d, h, mi, s, offset] = m;
  const hasTime = h !== undefined;
  let instant: Date;
  let zone: string;
  if (offset === undefined) {
    instant = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0)));
    zone = 'UTC';
  } else {
    const normalized = offset === 'Z' ? 'Z' : `${offset.slice(0, 3)}:${offset.slice(-2)}`;
    instant = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}${normalized}`);
    zone = timeZone;
  }
  if (Number.isNaN(instant.getTime())) return value;
  const sameYear = instant.getUTCFullYear() === now.getFullYear();
  try {
    return new Intl.DateTimeFormat(uiDateLocale(language), {
      day: 'numeric',
      month: 'short',
      ...(sameYear ? {} : { year: 'numeric' }),
      ...(hasTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
      timeZone: zone,
    }).format(instant);
  } catch {
    return value;
  }
}
