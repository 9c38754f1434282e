import { MergeView, unifiedMergeView } from '@codemirror/merge';
import { EditorState, type Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { kladdeEditorTheme } from './theme';

export type DiffLayout = 'unified' | 'split';

export interface DiffViewOptions {
  /** The older text (a kept version, or the other side of a conflict). */
  original: string;
  /** The text it is compared with (now). */
  current: string;
  layout: DiffLayout;
  /** Names of the two sides for screen readers. */
  labels: { original: string; current: string };
}

/** A mounted comparison; `destroy` removes it. */
export interface DiffViewHandle {
  destroy(): void;
}

/**
 * The merge view's colours from Kladde's CSS custom properties, so a comparison reads the same in light and dark:
 * removed text on `--diff-removed`, added on `--diff-added`, nothing but the theme's own colours.
 */
function diffTheme(): Extension {
  return EditorView.theme({
    '&': { fontSize: '13px' },
    '.cm-content': { fontFamily: 'var(--mono)' },
    '&.cm-merge-a .cm-changedLine, .cm-deletedChunk': { backgroundColor: 'var(--diff-removed)' },
    '&.cm-merge-b .cm-changedLine, .cm-inlineChangedLine': { backgroundColor: 'var(--diff-added)' },
    '&.cm-merge-a .cm-changedText, .cm-deletedChunk .cm-deletedText': {
      background: 'none',
      boxShadow: 'inset 0 -2px 0 var(--danger)',
    },
    '&.cm-merge-b .cm-changedText': { background: 'none', boxShadow: 'inset 0 -2px 0 var(--accent)' },
    '&.cm-merge-b .cm-deletedText': { background: 'var(--diff-removed)' },
    '.cm-collapsedLines': { color: 'var(--muted)', background: 'var(--bg)', borderBlock: '1px solid var(--line)' },
    // Solid fills: in dark mode the light accent colours would be bright bars beside the text.
    '.cm-changedLineGutter, .cm-deletedLineGutter': { background: 'var(--danger-solid)' },
    '&.cm-merge-b .cm-changedLineGutter': { background: 'var(--accent-fill)' },
    '.cm-inlineChangedLineGutter': { background: 'var(--accent-fill)' },
  });
}

/** What both sides share: read-only, wrapped, Kladde's colours. */
function sideExtensions(label: string): Extension {
  return [
    EditorState.readOnly.of(true),
    EditorView.editable.of(false),
    EditorView.lineWrapping,
    EditorView.contentAttributes.of({ 'aria-label': label }),
    kladdeEditorTheme(),
    diffTheme(),
  ];
}

const COLLAPSE = { margin: 3, minSize: 6 };

/**
 * Shows what changed between two texts with @codemirror/merge, unchanged stretches folded away: `unified` as one
 * column (removed lines above the added ones), `split` as two columns side by side. Used by the version history
 * and by the conflict banner's „Beide anzeigen“.
 */
export function mountDiffView(parent: HTMLElement, options: DiffViewOptions): DiffViewHandle {
  if (options.layout === 'split') {
    const view = new MergeView({
      a: { doc: options.original, extensions: sideExtensions(options.labels.original) },
      b: { doc: options.current, extensions: sideExtensions(options.labels.current) },
      parent,
      gutter: true,
      collapseUnchanged: COLLAPSE,
    });
    return { destroy: () => view.destroy() };
  }
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: options.current,
      extensions: [
        sideExtensions(options.labels.current),
        unifiedMergeView({ original: options.original, mergeControls: false, gutter: true, collapseUnchanged: COLLAPSE }),
      ],
    }),
  });
  return { destroy: () => view.destroy() };
}
