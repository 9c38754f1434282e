import { EditorState, Text } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { activeRange } from '../../../renderer/editor/focus-dim.js';
import { typewriterScrolling } from '../../../renderer/editor/typewriter.js';

/** `|` marks the cursor; the result is the bright part. */
function bright(marked: string, unit: 'paragraph' | 'sentence'): string {
  const pos = marked.indexOf('|');
  const doc = Text.of(marked.replace('|', '').split('\n'));
  const { from, to } = activeRange(doc, pos, unit, 'de');
  return doc.sliceString(from, to);
}

describe('activeRange', () => {
  it.each([
    ['Eins.\n\nZwei, die| erste Zeile\nund die zweite.\n\nDrei.', 'paragraph', 'Zwei, die erste Zeile\nund die zweite.'],
    ['# Titel\nText| direkt darunter.\nNoch mehr.', 'paragraph', 'Text direkt darunter.\nNoch mehr.'],
    ['# Ti|tel\nText.', 'paragraph', '# Titel'],
    ['Eins.\n|\nZwei.', 'paragraph', ''],
    ['Der erste Satz. Der zw|eite Satz! Der dritte?', 'sentence', 'Der zweite Satz!'],
    ['Der erste Satz.| Der zweite.', 'sentence', 'Der erste Satz.'],
    ['Der erste Satz. |Der zweite.', 'sentence', 'Der zweite.'],
    ['Zeile eins geht\nweiter| und endet. Neu.', 'sentence', 'Zeile eins geht\nweiter und endet.'],
  ] as const)('%j (%s) → %j', (marked, unit, expected) => {
    expect(bright(marked, unit)).toBe(expected);
  });
});

describe('typewriterScrolling', () => {
  it('centres the cursor on typing and arrow keys, not on clicks or changes that do not scroll', () => {
    const state = EditorState.create({ doc: 'eins\nzwei\ndrei', extensions: typewriterScrolling() });
    const centred = (tr: ReturnType<typeof state.update>) => tr.effects.length > 0;
    expect(centred(state.update({ changes: { from: 0, insert: 'x' }, scrollIntoView: true, userEvent: 'input.type' }))).toBe(true);
    expect(centred(state.update({ selection: { anchor: 6 }, scrollIntoView: true, userEvent: 'select' }))).toBe(true);
    expect(centred(state.update({ selection: { anchor: 6 }, scrollIntoView: true, userEvent: 'select.pointer' }))).toBe(false);
    expect(centred(state.update({ changes: { from: 0, insert: 'x' } }))).toBe(false);
  });
});
