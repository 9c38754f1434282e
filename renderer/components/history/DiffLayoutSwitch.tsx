import type { DiffLayout } from '../../editor/diff-view';
import { useI18n } from '../../i18n/i18n';

export interface DiffLayoutSwitchProps {
  layout: DiffLayout;
  onChange: (layout: DiffLayout) => void;
}

/** „Untereinander“ or „Nebeneinander“ for a comparison. */
export function DiffLayoutSwitch({ layout, onChange }: DiffLayoutSwitchProps) {
  const { t } = useI18n();
  return (
    <span className="diff-layout-switch" role="group" aria-label={t('history.compare')}>
      {(['unified', 'split'] as const).map((option) => (
        <button key={option} type="button" aria-pressed={layout === option} onClick={() => onChange(option)}>
          {t(option === 'unified' ? 'history.unified' : 'history.split')}
        </button>
      ))}
    </span>
  );
}
