// @vitest-environment jsdom
import { history, historyKeymap } from '@codemirror/commands';
import { markdown, markdownLanguage } from '@codemirror/lang-markdown';
import { yamlFrontmatter } from '@codemirror/lang-yaml';
import { Compartment, EditorSelection, EditorState } from '@codemirror/state';
import { EditorView, keymap, runScopeHandlers } from '@codemirror/view';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { smartTypography } from '../../../renderer/editor/smart-quotes.js';

// The same behaviour through a real EditorView: the input handler as the view calls it for typed text, and
// Backspace / Ctrl+Z as key events through the view's keymaps.

beforeAll(() => {
  // jsdom does no layout; CodeMirror measures after updates.
  const empty = { length: 0, item: () => null, [Symbol.iterator]: [][Symbol.iterator] };
  Range.prototype.getClientRects = () => empty as unknown as DOMRectList;
  Range.prototype.getBoundingClientRect = () => new DOMRect(0, 0, 0, 0);
});

const views: EditorView[] = [];
afterEach(() => {
  for (const view of views.splice(0)) view.destroy();
});

const typography = new Compartment();

function mkView(doc: string, cursor = doc.length): EditorView {
  const view = new EditorView({
    parent: document.body,
    state: EditorState.create({
      doc,
      selection: EditorSelection.cursor(cursor),
      extensions: [
        yamlFrontmatter({ content: markdown({ base: markdownLanguage }) }),
        history(),
        keymap.of(historyKeymap),
        typography.of(smartTypography({ style: 'de' })),
      ],
    }),
  });
  views.push(view);
  return view;
}

/** Typing as the view does it: input handlers first, the default insertion when none takes the text. */
function type(view: EditorView, text: string): void {
  for (const ch of text) {
    const { from, to } = view.state.selection.main;
    const insert = () => view.state.update(view.state.replaceSelection(ch), { userEvent: 'input.type' });
    const handled = view.state.facet(EditorView.inputHandler).some((handler) => handler(view, from, to, ch, insert));
    if (!handled) view.dispatch(insert());
  }
}

function press(view: EditorView, key: string, mods: KeyboardEventInit = {}): boolean {
  return runScopeHandlers(view, new KeyboardEvent('keydown', { key, ...mods }), 'editor');
}

describe('smartTypography in an EditorView', () => {
  it('types „Hallo“ and Ctrl+Z gives back the straight quote', () => {
    const view = mkView('Er sagte ');
    type(view, '"Hallo"');
    expect(view.state.doc.toString()).toBe('Er sagte „Hallo“');
    expect(press(view, 'z', { ctrlKey: true })).toBe(true);
    expect(view.state.doc.toString()).toBe('Er sagte „Hallo"');
  });

  it('Backspace right after the replacement gives back the straight quote, the next one deletes it', () => {
    const view = mkView('Er sagte ');
    type(view, '"');
    expect(view.state.doc.toString()).toBe('Er sagte „');
    expect(press(view, 'Backspace')).toBe(true);
    expect(view.state.doc.toString()).toBe('Er sagte "');
    // No other Backspace binding is installed here, so the second press is not ours to handle.
    expect(press(view, 'Backspace')).toBe(false);
  });

  it('follows a reconfigured style', () => {
    const view = mkView('');
    view.dispatch({ effects: typography.reconfigure(smartTypography({ style: 'de-CH' })) });
    type(view, `"Grüezi" -- sagte's...`);
    expect(view.state.doc.toString()).toBe('«Grüezi» – sagte’s…');
    view.dispatch({ effects: typography.reconfigure(smartTypography({ enabled: false })) });
    type(view, ` "x"`);
    expect(view.state.doc.toString()).toBe('«Grüezi» – sagte’s… "x"');
  });
});
