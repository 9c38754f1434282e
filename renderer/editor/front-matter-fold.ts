import { codeFolding, foldEffect, foldService } from '@codemirror/language';
import type { EditorState, Extension } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';

/** The YAML between the fences, as a fold range (the fences stay visible). */
export function frontMatterRange(state: EditorState): { from: number; to: number } | null {
  const doc = state.doc;
  if (doc.lines < 3 || doc.line(1).text.trimEnd() !== '---') return null;
  const limit = Math.min(doc.lines, 2000);
  for (let n = 2; n <= limit; n++) {
    const text = doc.line(n).text.trimEnd();
    if (text === '---' || text === '...') return n === 2 ? null : { from: doc.line(1).to, to: doc.line(n - 1).to };
  }
  return null;
}

/**
 * Lets the front matter fold into one line: its fields are edited in the fields panel, so the YAML can stay out
 * of the way. A click on the placeholder (or Ctrl+Shift+]) opens it again.
 */
export function frontMatterFolding(): Extension {
  return [
    codeFolding({ placeholderText: '…' }),
    foldService.of((state, lineStart) => (lineStart === 0 ? frontMatterRange(state) : null)),
  ];
}

/** Folds the front matter of the document in `view`, if it has one. */
export function foldFrontMatter(view: EditorView): void {
  const range = frontMatterRange(view.state);
  if (range) view.dispatch({ effects: foldEffect.of(range) });
}
