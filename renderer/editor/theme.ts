import type { Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';

/**
 * The editor's colours from Kladde's CSS custom properties (styles/theme.css), so light and dark switch with
 * the rest of the app without reconfiguring the editor. Covers what CodeMirror's base theme paints light:
 * cursor, selection, panels (search), fold placeholder, tooltips, matches.
 */
export function kladdeEditorTheme(): Extension {
  return EditorView.theme({
    '&': { color: 'var(--ink)', backgroundColor: 'var(--panel)' },
    '.cm-content': { caretColor: 'var(--ink)' },
    '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--ink)' },
    '.cm-selectionBackground, &.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-content ::selection': {
      backgroundColor: 'var(--selection)',
    },
    '.cm-placeholder': { color: 'var(--faint)' },
    '.cm-panels': { backgroundColor: 'var(--bg)', color: 'var(--ink)' },
    '.cm-panels.cm-panels-top': { borderBottom: '1px solid var(--line)' },
    '.cm-panels.cm-panels-bottom': { borderTop: '1px solid var(--line)' },
    '.cm-textfield': { backgroundColor: 'var(--panel)', color: 'var(--ink)', border: '1px solid var(--control-line)' },
    '.cm-button': { backgroundImage: 'none', backgroundColor: 'var(--panel)', color: 'var(--ink)', border: '1px solid var(--control-line)' },
    '.cm-searchMatch': { backgroundColor: 'var(--mark-bg)', outline: 'none' },
    '.cm-searchMatch.cm-searchMatch-selected': { backgroundColor: 'var(--selection)', outline: '1px solid var(--accent)' },
    '.cm-selectionMatch': { backgroundColor: 'var(--accent-soft)' },
    '&.cm-focused .cm-matchingBracket': { backgroundColor: 'var(--accent-soft)', color: 'inherit' },
    '.cm-foldPlaceholder': { backgroundColor: 'var(--badge-bg)', border: '1px solid var(--line)', color: 'var(--muted)' },
    '.cm-tooltip': { backgroundColor: 'var(--panel)', color: 'var(--ink)', border: '1px solid var(--line)' },
    '.cm-tooltip-autocomplete ul li[aria-selected]': { backgroundColor: 'var(--accent-fill)', color: 'var(--on-accent)' },
    '.cm-gutters': { backgroundColor: 'var(--bg)', color: 'var(--muted)', borderRight: '1px solid var(--line)' },
  });
}
