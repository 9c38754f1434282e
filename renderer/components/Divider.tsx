import { useRef } from 'react';

export interface DividerProps {
  label: string;
  share: number;
  onChange: (share: number) => void;
  onCommit: (share: number) => void;
}

/** The draggable bar between editor and preview; arrow keys move it too. */
export function Divider(props: DividerProps) {
  const last = useRef(props.share);
  const clamp = (v: number) => Math.min(0.8, Math.max(0.2, v));
  return (
    <div
      className="divider"
      role="separator"
      aria-orientation="vertical"
      aria-label={props.label}
      aria-valuenow={Math.round(props.share * 100)}
      aria-valuemin={20}
      aria-valuemax={80}
      tabIndex={0}
      onPointerDown={(e) => {
        const parent = (e.currentTarget.parentElement as HTMLElement).getBoundingClientRect();
        e.currentTarget.setPointerCapture(e.pointerId);
        const move = (ev: PointerEvent) => {
          last.current = clamp((ev.clientX - parent.left) / parent.width);
          props.onChange(last.current);
        };
        const up = () => {
          window.removeEventListener('pointermove', move);
          window.removeEventListener('pointerup', up);
          props.onCommit(last.current);
        };
        window.addEventListener('pointermove', move);
        window.addEventListener('pointerup', up);
      }}
      onKeyDown={(e) => {
        const step = e.key === 'ArrowLeft' ? -0.05 : e.key === 'ArrowRight' ? 0.05 : 0;
        if (step === 0) return;
        const v = clamp(props.share + step);
        props.onChange(v);
        props.onCommit(v);
      }}
    />
  );
}
