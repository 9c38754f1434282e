import type { EditorView } from '@codemirror/view';
import type { PostDocumentStore, TextChange } from '../document/post-document-store';
import { diffText } from '../document/text-diff';

/**
 * Applies the store's own text changes (fields, credits, a rename's slug, a publish record) to the editor as
 * minimal edits, so undo and the cursor behave. Returns the function that disconnects.
 */
export function connectViewToStore(store: PostDocumentStore, view: () => EditorView | null): () => void {
  return store.onApply((change: TextChange) => {
    const v = view();
    if (!v) return;
    const current = v.state.doc.toString();
    // The view always holds the store's text before the change; should it not, the whole difference is applied.
    const hunk = current === change.before ? change : diffText(current, change.after);
    if (!hunk) return;
    v.dispatch({ changes: { from: hunk.from, to: hunk.to, insert: hunk.insert }, userEvent: change.userEvent });
  });
}
