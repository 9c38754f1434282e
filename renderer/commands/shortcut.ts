/**
 * Keyboard shortcuts written as Electron accelerators (`CmdOrCtrl+Shift+P`): matched against key events and
 * shown in the UI's words („Strg+Umschalt+P“, „Ctrl+Shift+P“, on a Mac „⇧⌘P“). The menu registers the same
 * strings, so what the palette shows is what the menu shows.
 */

export interface Shortcut {
  /** Ctrl, or Cmd on a Mac. */
  mod: boolean;
  shift: boolean;
  alt: boolean;
  /** The key in lower case: `p`, `1`, `,`, `enter`. */
  key: string;
}

export function parseShortcut(accelerator: string): Shortcut {
  const parts = accelerator.split('+');
  const key = (parts.pop() ?? '').toLowerCase();
  const mods = new Set(parts.map((p) => p.toLowerCase()));
  return {
    mod: mods.has('cmdorctrl') || mods.has('commandorcontrol') || mods.has('ctrl') || mods.has('control'),
    shift: mods.has('shift'),
    alt: mods.has('alt') || mods.has('option'),
    key,
  };
}

/** The physical key's code for keys whose `key` changes with Shift or Alt (`1` → `!`, `p` → `π`). */
function codeOf(key: string): string | null {
  if (/^[a-z]$/.test(key)) return `Key${key.toUpperCase()}`;
  if (/^[0-9]$/.test(key)) return `Digit${key}`;
  if (key === 'enter') return 'Enter';
  if (key === ',') return 'Comma';
  return null;
}

export interface KeyLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

export function matchesShortcut(event: KeyLike, shortcut: Shortcut): boolean {
  if ((event.ctrlKey || event.metaKey) !== shortcut.mod) return false;
  if (event.shiftKey !== shortcut.shift || event.altKey !== shortcut.alt) return false;
  const key = event.key.toLowerCase();
  return key === shortcut.key || event.code === codeOf(shortcut.key);
}

export interface ShortcutWords {
  ctrl: string;
  shift: string;
  alt: string;
  enter: string;
}

/** The shortcut as the user reads it: `Strg+Umschalt+P`; on a Mac with the usual symbols, `⇧⌘P`. */
export function formatShortcut(shortcut: Shortcut, words: ShortcutWords, mac: boolean): string {
  const key = shortcut.key === 'enter' ? (mac ? '↩' : words.enter) : shortcut.key.toUpperCase();
  if (mac) return `${shortcut.alt ? '⌥' : ''}${shortcut.shift ? '⇧' : ''}${shortcut.mod ? '⌘' : ''}${key}`;
  return [...(shortcut.mod ? [words.ctrl] : []), ...(shortcut.shift ? [words.shift] : []), ...(shortcut.alt ? [words.alt] : []), key].join('+');
}
