import { EditorSelection, EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { setHeading } from '../../../renderer/editor/format-commands.js';

function apply(doc: string, anchor: number, head: number, level: number): string {
  let state = EditorState.create({ doc, selection: EditorSelection.range(anchor, head) });
  setHeading(level)({ state, dispatch: (tr) => (state = tr.state) });
  return state.doc.toString();
}

describe('setHeading', () => {
  it('turns a line into a heading of the level, and the same level back into text', () => {
    expect(apply('Hafen', 0, 0, 2)).toBe('## Hafen');
    expect(apply('# Hafen', 3, 3, 2)).toBe('## Hafen');
    expect(apply('## Hafen', 3, 3, 2)).toBe('Hafen');
  });

  it('„Normaler Text“ (level 0) removes the marker without leaving a space', () => {
    expect(apply('a\n## wieder Text', 16, 2, 0)).toBe('a\nwieder Text');
    expect(apply('###   drei', 0, 0, 0)).toBe('drei');
    expect(apply('schon Text', 0, 0, 0)).toBe('schon Text');
  });
});
