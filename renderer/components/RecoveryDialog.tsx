import { useMemo } from 'react';
import type { RecoveryEntry } from '../../electron/common/model/recovery';
import { parseFrontMatter } from '../../electron/common/markdown/front-matter';
import { compactDiff, lineDiff } from '../../electron/common/text/line-diff';
import { uiDateLocale, useI18n, type Translate, type UiLanguage } from '../i18n/i18n';
import { Dialog } from './Dialog';

export interface RecoveryDialogProps {
  entries: readonly RecoveryEntry[];
  onRestore: (entry: RecoveryEntry) => void;
  onDiscard: (entry: RecoveryEntry) => void;
  /** Closes the dialog and keeps the entries for the next start. */
  onClose?: () => void;
}

/** Diff lines shown per post at most; the rest is summarised as skipped. */
const MAX_DIFF_ROWS = 40;

/** „gerade eben“, „vor 2 Minuten“, „vor 3 Stunden“, after a day a German (or English) date and time. */
export function recoveryAge(savedMs: number, nowMs: number, language: UiLanguage, t: Translate): string {
  const seconds = Math.max(0, Math.round((nowMs - savedMs) / 1000));
  const locale = uiDateLocale(language);
  if (seconds < 60) return t('recovery.justNow');
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  if (seconds < 3600) return relative.format(-Math.floor(seconds / 60), 'minute');
  if (seconds < 86_400) return relative.format(-Math.floor(seconds / 3600), 'hour');
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(savedMs));
}

function titleOf(entry: RecoveryEntry): string {
  const parsed = parseFrontMatter(entry.text);
  return (parsed.ok && parsed.fields.title) || entry.id;
}

function EntryDiff({ entry }: { entry: RecoveryEntry }) {
  const { t } = useI18n();
  const rows = useMemo(() => compactDiff(lineDiff(entry.diskText ?? '', entry.text), 1), [entry.diskText, entry.text]);
  const shown = rows.slice(0, MAX_DIFF_ROWS);
  const hidden = rows.length - shown.length;
  return (
    <pre className="recovery-diff" aria-label={t('recovery.diff')} data-testid="recovery-diff">
      {shown.map((row, i) =>
        row.kind === 'skip' ? (
          <div key={i} className="diff-skip">
            {t('recovery.skipped', { count: row.count })}
          </div>
        ) : (
          <div key={i} className={`diff-${row.kind}`}>
            {row.kind === 'added' ? '+ ' : row.kind === 'removed' ? '− ' : '  '}
            {row.text}
          </div>
        ),
      )}
      {hidden > 0 && <div className="diff-skip">{t('recovery.skipped', { count: hidden })}</div>}
    </pre>
  );
}

/** Offered at start when an earlier run left unsaved text: per post its age, a diff, restore or discard. */
export function RecoveryDialog(props: RecoveryDialogProps) {
  const { t, language } = useI18n();
  const now = Date.now();
  return (
    <Dialog title={t('recovery.title')} onClose={props.onClose ?? (() => undefined)} wide>
      <p>{t('recovery.intro')}</p>
      <ul className="recovery-list">
        {props.entries.map((entry, index) => (
          <li key={entry.id} className="recovery-entry" data-recovery-id={entry.id}>
            <div className="recovery-head">
              <strong>{titleOf(entry)}</strong>
              <span className="recovery-age">{recoveryAge(entry.savedMs, now, language, t)}</span>
            </div>
            {entry.diskText === null && <p className="recovery-note">{t('recovery.postGone')}</p>}
            <EntryDiff entry={entry} />
            <div className="dialog-buttons">
              <button type="button" className="danger" onClick={() => props.onDiscard(entry)}>
                {t('recovery.discard')}
              </button>
              {/* Enter restores, never discards. */}
              <button type="button" className="primary" onClick={() => props.onRestore(entry)} autoFocus={index === 0}>
                {t('recovery.restore')}
              </button>
            </div>
          </li>
        ))}
      </ul>
      {props.onClose && (
        <div className="dialog-buttons">
          <button type="button" onClick={props.onClose}>
            {t('recovery.later')}
          </button>
        </div>
      )}
    </Dialog>
  );
}
