import { foldedRanges, unfoldEffect } from '@codemirror/language';
import { EditorSelection, type StateEffect } from '@codemirror/state';
import { EditorView } from '@codemirror/view';

/**
 * Selects a range of the document and scrolls it into the middle of the editor, opening a fold (the folded
 * front matter) that hides it. Used to open a post at a search match. Offsets beyond the document are clamped.
 */
export function revealRange(view: EditorView, from: number, to: number): void {
  const length = view.state.doc.length;
  const start = Math.min(Math.max(0, from), length);
  const end = Math.min(Math.max(start, to), length);
  const effects: StateEffect<unknown>[] = [];
  foldedRanges(view.state).between(0, length, (foldFrom, foldTo) => {
    if (foldFrom < end && foldTo > start) effects.push(unfoldEffect.of({ from: foldFrom, to: foldTo }));
  });
  effects.push(EditorView.scrollIntoView(EditorSelection.range(start, end), { y: 'center' }));
  view.dispatch({ selection: EditorSelection.single(start, end), effects });
  view.focus();
}
