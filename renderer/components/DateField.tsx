import { useEffect, useRef, useState } from 'react';
import {
  DEFAULT_TIME_ZONE,
  dateFieldText,
  dateFieldValue,
  dayPattern,
  formatDate,
  type DateFieldLanguage,
} from '../../electron/common/text/dates';
import { uiDateLocale, useI18n } from '../i18n/i18n';

export interface DateFieldProps {
  /** The id of the day input, for the form's label. */
  id: string;
  /** The front matter `date:` as written. */
  value: string;
  /** Called with the new front matter value ('' removes the date) once what is typed reads as a date. */
  onChange: (value: string) => void;
  /** Where a date with an offset is shown and edited. */
  timeZone?: string;
}

interface Draft {
  day: string;
  time: string;
}

/**
 * The post's date in the UI language (TT.MM.JJJJ in German, DD/MM/YYYY in English) rather than the browser's
 * locale, which a native date input would use. A date without time stays one — no midnight is invented; a time
 * with an offset is shown in the time zone and written back in its own offset (see `dateFieldValue`).
 */
export function DateField({ id, value, onChange, timeZone = DEFAULT_TIME_ZONE }: DateFieldProps) {
  const { t, language } = useI18n();
  const lang: DateFieldLanguage = language;
  const shown = dateFieldText(value, lang, timeZone);
  const [draft, setDraft] = useState<Draft>({ day: shown.day, time: shown.time });
  const [error, setError] = useState<'day-invalid' | 'time-invalid' | null>(null);
  /** The value this field wrote last: when the prop comes back as that, the draft is the user's and stays. */
  const written = useRef(value);
  const editing = useRef(false);

  useEffect(() => {
    if (value === written.current && editing.current) return;
    written.current = value;
    const next = dateFieldText(value, lang, timeZone);
    setDraft({ day: next.day, time: next.time });
    setError(null);
    // `lang` and `timeZone` change the display too.
  }, [value, lang, timeZone]);

  const commit = (next: Draft, final: boolean) => {
    setDraft(next);
    if (shown.unreadable && next.day === value && next.time === '') return;
    const result = dateFieldValue(next, value, lang, timeZone);
    if (!result.ok) {
      // While typing, half a date is no error yet; leaving the field shows it.
      if (final) setError(result.error);
      return;
    }
    setError(null);
    if (final) {
      // Leaving the field shows what was understood, in the field's own pattern.
      const understood = dateFieldText(result.value, lang, timeZone);
      setDraft({ day: understood.day, time: understood.time });
    }
    if (result.value !== value) {
      written.current = result.value;
      onChange(result.value);
    }
  };

  const long = value && !shown.unreadable ? formatDate(value, uiDateLocale(language), { timeZone }) : '';
  const errorId = `${id}-error`;

  return (
    <div className="field-row date-field">
      <input
        id={id}
        className="date-day"
        inputMode="numeric"
        placeholder={dayPattern(lang)}
        aria-invalid={error === 'day-invalid' || shown.unreadable}
        aria-describedby={error ? errorId : undefined}
        value={draft.day}
        size={10}
        onFocus={() => (editing.current = true)}
        onChange={(e) => commit({ ...draft, day: e.target.value }, false)}
        onBlur={() => {
          editing.current = false;
          commit(draft, true);
        }}
      />
      <input
        className="date-time"
        aria-label={t('fields.time')}
        inputMode="numeric"
        placeholder={t('fields.timePlaceholder')}
        aria-invalid={error === 'time-invalid'}
        value={draft.time}
        size={5}
        onFocus={() => (editing.current = true)}
        onChange={(e) => commit({ ...draft, time: e.target.value }, false)}
        onBlur={() => {
          editing.current = false;
          commit(draft, true);
        }}
      />
      {error && (
        <span id={errorId} className="field-error" role="alert">
          {t(error === 'day-invalid' ? 'fields.dateInvalid' : 'fields.timeInvalid', { pattern: dayPattern(lang) })}
        </span>
      )}
      {!error && shown.unreadable && <span className="field-error">{t('fields.dateUnreadable')}</span>}
      {!error && long && (
        <span className="field-hint" data-testid="date-long">
          {long}
          {shown.zoned ? ` (${timeZone})` : ''}
        </span>
      )}
    </div>
  );
}
