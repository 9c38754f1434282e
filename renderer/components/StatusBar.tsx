import type { TextCounts } from '../../electron/common/text/counts';
import type { AppError } from '../../electron/common/result';
import type { SaveState } from '../document/post-document-store';
import { errorText, useI18n } from '../i18n/i18n';

export interface StatusBarProps {
  counts: TextCounts | null;
  selection: TextCounts | null;
  saveState: SaveState;
  saveError: AppError | null;
  /** Short notices: unknown language, spell checking off, … */
  notes?: string[];
  /** Opens the version history of the open post (no button without it). */
  onHistory?: () => void;
}

export function StatusBar(props: StatusBarProps) {
  const { t } = useI18n();
  const c = props.counts;
  const saveText =
    props.saveState === 'failed' && props.saveError
      ? t('save.failed', { message: errorText(t, props.saveError) })
      : t(props.saveState === 'saving' ? 'save.saving' : props.saveState === 'unsaved' ? 'save.unsaved' : 'save.saved');
  return (
    <footer className="status-bar">
      {c && (
        <>
          <span data-testid="count-words">{t('count.words', { count: c.words })}</span>
          <span title={t('count.charactersTitle', { withSpaces: c.characters, withoutSpaces: c.charactersNoSpaces })}>
            {t('count.characters', { count: c.characters })}
          </span>
          <span>{t('count.reading', { minutes: c.readingMinutes })}</span>
        </>
      )}
      {props.selection && props.selection.characters > 0 && (
        <span className="status-selection">{t('count.selection', { words: props.selection.words, characters: props.selection.characters })}</span>
      )}
      <span className="status-spacer" />
      {props.notes?.map((n) => (
        <span key={n} className="status-note" role="status">
          {n}
        </span>
      ))}
      {props.onHistory && (
        <button type="button" className="ghost status-history" title={t('history.openTitle')} data-testid="open-history" onClick={props.onHistory}>
          {t('history.open')}
        </button>
      )}
      <span className={`save-state save-${props.saveState}`} data-testid="save-state" role="status">
        {saveText}
      </span>
    </footer>
  );
}
