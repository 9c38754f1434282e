import { EditorSelection, type ChangeSpec, type EditorState, type Transaction } from '@codemirror/state';
import type { KeyBinding } from '@codemirror/view';
import { COMMAND_SPECS, type CommandId } from '../../electron/common/model/commands';
import { parseShortcut } from '../commands/shortcut';

type StateCommand = (target: { state: EditorState; dispatch: (tr: Transaction) => void }) => boolean;

/** Wraps each selection in `mark` (or removes it when it is already wrapped); an empty selection gets a pair. */
export function toggleWrap(mark: string): StateCommand {
  return ({ state, dispatch }) => {
    const tr = state.changeByRange((range) => {
      const before = state.sliceDoc(range.from - mark.length, range.from);
      const after = state.sliceDoc(range.to, range.to + mark.length);
      if (before === mark && after === mark) {
        return {
          changes: [
            { from: range.from - mark.length, to: range.from },
            { from: range.to, to: range.to + mark.length },
          ],
          range: EditorSelection.range(range.from - mark.length, range.to - mark.length),
        };
      }
      const text = state.sliceDoc(range.from, range.to);
      if (text.length >= mark.length * 2 && text.startsWith(mark) && text.endsWith(mark)) {
        return {
          changes: { from: range.from, to: range.to, insert: text.slice(mark.length, text.length - mark.length) },
          range: EditorSelection.range(range.from, range.to - mark.length * 2),
        };
      }
      return {
        changes: [
          { from: range.from, insert: mark },
          { from: range.to, insert: mark },
        ],
        range: EditorSelection.range(range.from + mark.length, range.to + mark.length),
      };
    });
    dispatch(state.update(tr, { scrollIntoView: true, userEvent: 'input.format' }));
    return true;
  };
}

/** `[selection](|)`: the cursor lands where the address goes; an empty selection gets `[|](url)`. */
export const insertLink: StateCommand = ({ state, dispatch }) => {
  const tr = state.changeByRange((range) => {
    const text = state.sliceDoc(range.from, range.to);
    if (text === '') {
      return { changes: { from: range.from, insert: '[](https://)' }, range: EditorSelection.cursor(range.from + 1) };
    }
    const isUrl = /^https?:\/\/\S+$/.test(text);
    const insert = isUrl ? `[](${text})` : `[${text}](https://)`;
    const cursor = isUrl ? range.from + 1 : range.from + text.length + 3 + 'https://'.length;
    return { changes: { from: range.from, to: range.to, insert }, range: EditorSelection.cursor(cursor) };
  });
  dispatch(state.update(tr, { scrollIntoView: true, userEvent: 'input.format' }));
  return true;
};

/** Makes the lines of the selection headings of `level`; the same level again turns them back into text. */
export function setHeading(level: number): StateCommand {
  return ({ state, dispatch }) => {
    const changes: ChangeSpec[] = [];
    const seen = new Set<number>();
    for (const range of state.selection.ranges) {
      for (let pos = range.from; pos <= range.to; ) {
        const line = state.doc.lineAt(pos);
        if (!seen.has(line.number)) {
          seen.add(line.number);
          const m = /^(#{1,6})[ \t]+/.exec(line.text);
          const current = m?.[1]?.length ?? 0;
          // Level 0 is plain text: the marker goes and nothing comes in its place.
          const prefix = level === 0 || current === level ? '' : '#'.repeat(level) + ' ';
          changes.push({ from: line.from, to: line.from + (m?.[0].length ?? 0), insert: prefix });
        }
        pos = line.to + 1;
      }
    }
    dispatch(state.update({ changes, scrollIntoView: true, userEvent: 'input.format' }));
    return true;
  };
}

/** What each editor-owned command of the one command list (model/commands.ts) does to the selection. */
export const FORMAT_COMMANDS = {
  bold: toggleWrap('**'),
  italic: toggleWrap('*'),
  link: insertLink,
  heading1: setHeading(1),
  heading2: setHeading(2),
  heading3: setHeading(3),
  paragraph: setHeading(0),
} as const satisfies Partial<Record<CommandId, StateCommand>>;

type FormatCommandId = keyof typeof FORMAT_COMMANDS;
const isFormatCommand = (id: string): id is FormatCommandId => id in FORMAT_COMMANDS;

/**
 * Ctrl/Cmd+B, I, K and 1–3 for headings (0 back to text): the keys come from the command list, so the editor,
 * the menu and the palette name the same ones (`CmdOrCtrl+B` → CodeMirror's `Mod-b`).
 */
export const formatKeymap: readonly KeyBinding[] = COMMAND_SPECS.flatMap((spec) => {
  if (!isFormatCommand(spec.id) || !('shortcut' in spec)) return [];
  const s = parseShortcut(spec.shortcut);
  return [{ key: `${s.mod ? 'Mod-' : ''}${s.alt ? 'Alt-' : ''}${s.shift ? 'Shift-' : ''}${s.key}`, run: FORMAT_COMMANDS[spec.id] }];
});
