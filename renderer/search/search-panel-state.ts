/**
 * Whether the library search is open. A tiny store outside React, so the sidebar's button, the keyboard
 * shortcut and the panel itself can open and close it without threading callbacks through the workspace.
 */
type Listener = () => void;

let open = false;
const listeners = new Set<Listener>();

export const searchPanel = {
  isOpen: (): boolean => open,
  set(next: boolean): void {
    if (open === next) return;
    open = next;
    for (const listener of listeners) listener();
  },
  open(): void {
    searchPanel.set(true);
  },
  close(): void {
    searchPanel.set(false);
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
