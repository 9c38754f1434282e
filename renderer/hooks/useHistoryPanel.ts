import { useCallback, useState } from 'react';

export interface HistoryPanelControl {
  open: boolean;
  /** Opens the version history of the open post (the status bar's button; the command palette's command). */
  openHistory: () => void;
  closeHistory: () => void;
}

/** Whether the history panel is open. */
export function useHistoryPanel(): HistoryPanelControl {
  const [open, setOpen] = useState(false);
  const openHistory = useCallback(() => setOpen(true), []);
  const closeHistory = useCallback(() => setOpen(false), []);
  return { open, openHistory, closeHistory };
}
