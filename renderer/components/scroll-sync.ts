import type { EditorView } from '@codemirror/view';
import { scrollEditorToLine } from './EditorPane';
import type { PreviewHandle } from './PreviewPane';

const QUIET_MS = 200;

/**
 * Keeps editor and preview showing the same source line. A scroll caused by the other side is not echoed back
 * for a moment, so the two panes do not chase each other.
 */
export function createScrollSync(editor: () => EditorView | null, preview: () => PreviewHandle | null) {
  const until = { editor: 0, preview: 0 };
  return {
    editorScrolled(line: number): void {
      if (performance.now() < until.editor) return;
      until.preview = performance.now() + QUIET_MS;
      preview()?.scrollToLine(line);
    },
    previewScrolled(line: number): void {
      const view = editor();
      if (!view || performance.now() < until.preview) return;
      until.editor = performance.now() + QUIET_MS;
      scrollEditorToLine(view, line);
    },
  };
}
