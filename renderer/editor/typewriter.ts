import { EditorState, type Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';

/**
 * Typewriter scrolling: whenever the editor would scroll the cursor into view (typing, arrow keys, undo), it
 * scrolls the cursor's line to the vertical middle instead. A click with the mouse does not move the text
 * under the pointer. Costs one scroll target per transaction, whatever the document's size. The class
 * `cm-typewriter` lets the stylesheet give the end of the text room to come up to the middle.
 */
export function typewriterScrolling(): Extension {
  return [
    EditorState.transactionExtender.of((tr) => {
      if (!tr.scrollIntoView || tr.isUserEvent('select.pointer')) return null;
      return { effects: EditorView.scrollIntoView(tr.newSelection.main.head, { y: 'center' }) };
    }),
    EditorView.editorAttributes.of({ class: 'cm-typewriter' }),
  ];
}
