import { useCallback } from 'react';
import { useI18n } from '../i18n/i18n';
import { formatShortcut, type Shortcut } from './shortcut';

const MAC = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);

/** Shows a shortcut in the UI's words: „Strg+Umschalt+P“, „Ctrl+Shift+P“, on a Mac „⇧⌘P“. */
export function useShortcutText(): (shortcut: Shortcut | null) => string {
  const { t } = useI18n();
  return useCallback(
    (shortcut: Shortcut | null) =>
      shortcut === null
        ? ''
        : formatShortcut(shortcut, { ctrl: t('shortcut.ctrl'), shift: t('shortcut.shift'), alt: t('shortcut.alt'), enter: t('shortcut.enter') }, MAC),
    [t],
  );
}
