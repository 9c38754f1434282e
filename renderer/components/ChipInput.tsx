import { useState } from 'react';
import { useI18n } from '../i18n/i18n';

export interface ChipInputProps {
  id: string;
  values: string[];
  onChange: (values: string[]) => void;
  disabled?: boolean;
  /** Names known from the blogs (cached categories or tags), offered while typing. */
  suggestions?: string[];
}

/** Categories and tags as removable chips; Enter or comma adds, Backspace on empty input removes the last. */
export function ChipInput(props: ChipInputProps) {
  const { t } = useI18n();
  const [draft, setDraft] = useState('');
  const add = () => {
    const value = draft.trim().replace(/,$/, '').trim();
    if (value && !props.values.includes(value)) props.onChange([...props.values, value]);
    setDraft('');
  };
  return (
    <div className="chips">
      {props.values.map((v) => (
        <span className="chip" key={v}>
          {v}
          <button type="button" aria-label={t('fields.removeChip', { name: v })} disabled={props.disabled} onClick={() => props.onChange(props.values.filter((x) => x !== v))}>
            ×
          </button>
        </span>
      ))}
      <input
        id={props.id}
        value={draft}
        disabled={props.disabled}
        placeholder={props.values.length === 0 ? t('fields.addChip') : ''}
        list={props.suggestions && props.suggestions.length > 0 ? `${props.id}-list` : undefined}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={add}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ',') {
            e.preventDefault();
            add();
          } else if (e.key === 'Backspace' && draft === '' && props.values.length > 0) {
            props.onChange(props.values.slice(0, -1));
          }
        }}
      />
      {props.suggestions && props.suggestions.length > 0 && (
        <datalist id={`${props.id}-list`}>
          {props.suggestions
            .filter((s) => !props.values.includes(s))
            .map((s) => (
              <option key={s} value={s} />
            ))}
        </datalist>
      )}
    </div>
  );
}
