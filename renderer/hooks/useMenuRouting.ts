import { useEffect, useRef } from 'react';
import type { CommandRegistry } from '../commands/registry';
import { onEvent } from '../lib/api';

/** Keys that still run while a dialog is open (saving is never in the way). */
const RUN_IN_DIALOG = new Set(['save', 'commandPalette']);

/**
 * Routes the app menu's commands and the commands' shortcuts to the registry (the latest one, without
 * re-subscribing). The keys are caught before the editor sees them; CodeMirror's own keys (bold, headings …)
 * stay with CodeMirror. While a dialog is open only saving and the palette's key act.
 */
export function useMenuRouting(registry: CommandRegistry): void {
  const latest = useRef(registry);
  latest.current = registry;
  useEffect(() => onEvent('menuCommand', ({ command }) => void latest.current.run(command)), []);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const command = latest.current.forKey(event);
      if (!command) return;
      if (document.querySelector('dialog[open]:not(.command-palette)') && !RUN_IN_DIALOG.has(command.id)) return;
      event.preventDefault();
      event.stopPropagation();
      latest.current.run(command.id);
    };
    // Capture: the editor must not take the keys first.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}
