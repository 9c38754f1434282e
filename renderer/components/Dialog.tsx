import { useEffect, useRef, type ReactNode } from 'react';

export interface DialogProps {
  title: string;
  children: ReactNode;
  onClose: () => void;
  wide?: boolean;
  /** An extra class for a dialog with its own width. */
  className?: string;
}

/** A modal built on <dialog>: focus is trapped, Escape closes. */
export function Dialog(props: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (el && !el.open) el.showModal();
  }, []);
  return (
    <dialog ref={ref} className={['dialog', props.wide ? 'dialog-wide' : '', props.className ?? ''].filter(Boolean).join(' ')} aria-label={props.title} onCancel={(e) => { e.preventDefault(); props.onClose(); }}>
      <h2>{props.title}</h2>
      {props.children}
    </dialog>
  );
}
