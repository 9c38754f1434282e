import { useState } from 'react';
import { MAX_WORD_GOAL, wordGoalOf } from '../../electron/common/markdown/word-goal';
import type { PostDocumentStore } from '../document/post-document-store';
import { useI18n } from '../i18n/i18n';
import { Dialog } from './Dialog';

export interface WordGoalDialogProps {
  store: PostDocumentStore;
  onClose: () => void;
}

/** Sets the open post's word goal; it goes into the front matter as `word_goal:` (empty removes it). */
export function WordGoalDialog({ store, onClose }: WordGoalDialogProps) {
  const { t } = useI18n();
  const [value, setValue] = useState(() => String(wordGoalOf(store.getSnapshot().doc.frontMatter) ?? ''));
  const [problem, setProblem] = useState<string | null>(null);
  const trimmed = value.trim();
  const goal = trimmed === '' ? null : /^\d+$/.test(trimmed) ? Number(trimmed) : NaN;
  const valid = goal === null || (Number.isInteger(goal) && goal >= 1 && goal <= MAX_WORD_GOAL);
  return (
    <Dialog title={t('wordGoal.title')} onClose={onClose}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (!valid) return;
          if (store.setWordGoal(goal)) onClose();
          else setProblem(t('wordGoal.notWritable'));
        }}
      >
        <label htmlFor="word-goal">{t('wordGoal.label')}</label>
        <input id="word-goal" inputMode="numeric" autoFocus value={value} aria-invalid={!valid} aria-describedby="word-goal-hint" onChange={(e) => setValue(e.target.value)} />
        <p id="word-goal-hint" className={valid && !problem ? 'template-hint' : 'field-error'}>
          {problem ?? (valid ? t('wordGoal.hint') : t('wordGoal.invalid'))}
        </p>
        <div className="dialog-buttons">
          <button type="button" onClick={onClose}>
            {t('wordGoal.cancel')}
          </button>
          <button type="submit" className="primary" disabled={!valid}>
            {t('wordGoal.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
