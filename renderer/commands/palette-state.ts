/**
 * Whether the command palette is open: a tiny store outside React (like the library search's), so the key
 * handler, the menu and the palette itself can open and close it.
 */
type Listener = () => void;

let open = false;
const listeners = new Set<Listener>();

export const commandPalette = {
  isOpen: (): boolean => open,
  set(next: boolean): void {
    if (open === next) return;
    open = next;
    for (const listener of listeners) listener();
  },
  open(): void {
    commandPalette.set(true);
  },
  close(): void {
    commandPalette.set(false);
  },
  toggle(): void {
    commandPalette.set(!open);
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
