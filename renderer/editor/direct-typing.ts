import { EditorSelection, type Transaction } from '@codemirror/state';
import { EditorView } from '@codemirror/view';

/**
 * A typed character goes straight into the editor state instead of through Chromium's contenteditable editing.
 *
 * Left alone, Chromium inserts the character into the DOM itself (laying the page out before and after the edit and
 * syncing its selection), and CodeMirror then reads the changed DOM back. That round trip cost about a third of a
 * keystroke's main-thread work in a long post (traced: 2.5–3 ms of 8–15 ms). Here the `beforeinput` event of a plain
 * insertion is cancelled and the same transaction CodeMirror would build from the DOM change is dispatched: the same
 * input handlers (smart quotes), the same `input.type` user event (undo groups, autocompletion), scrolled into view.
 *
 * Only the plain case is taken over: one text insertion, no IME composition, one selection range, and the range
 * Chromium would replace (its DOM selection) is exactly the editor's selection. Everything else — composing,
 * dead keys, several cursors, a DOM selection the editor has not read yet — takes the normal path.
 */
export function directTyping() {
  return EditorView.domEventHandlers({
    beforeinput(event, view) {
      if (event.inputType !== 'insertText' || event.isComposing || view.composing || view.compositionStarted) return false;
      const text = event.data;
      if (!text || text.includes('\n') || text.includes('\r') || !event.cancelable) return false;
      const { state } = view;
      if (state.readOnly || state.selection.ranges.length !== 1) return false;
      // Where Chromium would insert: its selection (the event's target ranges are empty for typed text).
      const domSelection = view.dom.ownerDocument.getSelection();
      if (!domSelection || domSelection.rangeCount !== 1 || !domSelection.anchorNode || !domSelection.focusNode) return false;
      if (!view.contentDOM.contains(domSelection.anchorNode) || !view.contentDOM.contains(domSelection.focusNode)) return false;
      let from: number;
      let to: number;
      try {
        const anchor = view.posAtDOM(domSelection.anchorNode, domSelection.anchorOffset);
        const head = view.posAtDOM(domSelection.focusNode, domSelection.focusOffset);
        from = Math.min(anchor, head);
        to = Math.max(anchor, head);
      } catch {
        return false;
      }
      const main = state.selection.main;
      if (from !== main.from || to !== main.to) return false;
      event.preventDefault();
      let built: Transaction | null = null;
      const defaultInsert = (): Transaction =>
        (built ??= state.update({
          changes: { from, to, insert: text },
          selection: EditorSelection.cursor(from + text.length),
          userEvent: 'input.type',
          scrollIntoView: true,
        }));
      if (!state.facet(EditorView.inputHandler).some((handler) => handler(view, from, to, text, defaultInsert))) {
        view.dispatch(defaultInsert());
      }
      return true;
    },
  });
}
