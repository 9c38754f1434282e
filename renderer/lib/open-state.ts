/**
 * A tiny open/closed store outside React, for panels that a key, a menu command and the panel itself all open
 * and close (the command palette, the library search). Components read it with `useSyncExternalStore`.
 * The methods are plain closures, so they can be passed as event handlers as they are.
 */
export interface OpenState {
  isOpen: () => boolean;
  set: (next: boolean) => void;
  open: () => void;
  close: () => void;
  toggle: () => void;
  subscribe: (listener: () => void) => () => void;
}

export function createOpenState(): OpenState {
  let open = false;
  const listeners = new Set<() => void>();
  const set = (next: boolean) => {
    if (open === next) return;
    open = next;
    for (const listener of listeners) listener();
  };
  return {
    isOpen: () => open,
    set,
    open: () => set(true),
    close: () => set(false),
    toggle: () => set(!open),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
