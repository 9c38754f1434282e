import { wordGoalPercent } from '../../electron/common/markdown/word-goal';
import { useI18n } from '../i18n/i18n';

export interface WordGoalProgressProps {
  words: number;
  goal: number;
}

/** The post's words against its goal: a thin bar and „850 von 1.200 Wörtern (70 %)“. */
export function WordGoalProgress({ words, goal }: WordGoalProgressProps) {
  const { t } = useI18n();
  const percent = wordGoalPercent(words, goal);
  const reached = words >= goal;
  const text = reached ? t('wordGoal.reached', { words, goal }) : t('wordGoal.progress', { words, goal, percent });
  return (
    <span
      className={reached ? 'word-goal word-goal-reached' : 'word-goal'}
      data-testid="word-goal"
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={goal}
      aria-valuenow={Math.min(words, goal)}
      aria-valuetext={text}
    >
      <span className="word-goal-bar" aria-hidden="true">
        <span className="word-goal-fill" style={{ width: `${Math.min(percent, 100)}%` }} />
      </span>
      <span className="word-goal-text">{text}</span>
    </span>
  );
}
