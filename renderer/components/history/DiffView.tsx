import { useEffect, useRef } from 'react';
import { mountDiffView, type DiffLayout } from '../../editor/diff-view';

export interface DiffViewProps {
  /** The older text (a kept version, the file on disk). */
  original: string;
  /** What it is compared with (the editor's text now). */
  current: string;
  layout: DiffLayout;
  labels: { original: string; current: string };
}

/** The difference of two texts with @codemirror/merge, unified or side by side; read-only. */
export function DiffView({ original, current, layout, labels }: DiffViewProps) {
  const host = useRef<HTMLDivElement>(null);
  const labelOriginal = labels.original;
  const labelCurrent = labels.current;
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const view = mountDiffView(el, { original, current, layout, labels: { original: labelOriginal, current: labelCurrent } });
    return () => view.destroy();
  }, [original, current, layout, labelOriginal, labelCurrent]);
  return (
    <div className={`diff-view diff-view-${layout}`} data-testid="diff-view">
      {layout === 'split' && (
        <div className="diff-view-heads" aria-hidden="true">
          <span>{labelOriginal}</span>
          <span>{labelCurrent}</span>
        </div>
      )}
      <div ref={host} className="diff-view-body" />
    </div>
  );
}
