import { history, undo, redo } from '@codemirror/commands';
import { markdown, markdownLanguage } from '@codemirror/lang-markdown';
import { yamlFrontmatter } from '@codemirror/lang-yaml';
import { EditorSelection, EditorState, type Extension, type StateCommand, type TransactionSpec } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import type { QuoteStyle } from '../../../electron/common/text/typography.js';
import {
  fixQuotesInDocument,
  revertSmartTypography,
  smartTypography,
  typographyInput,
  type SmartTypographyConfig,
} from '../../../renderer/editor/smart-quotes.js';

// `|` marks the cursor in inputs and expectations, as in @codemirror/lang-markdown's command tests.

function mkState(doc: string, config: SmartTypographyConfig = {}, extra: Extension = []): EditorState {
  const cursors: number[] = [];
  for (let pos = doc.indexOf('|'); pos >= 0; pos = doc.indexOf('|', pos)) {
    cursors.push(pos);
    doc = doc.slice(0, pos) + doc.slice(pos + 1);
  }
  return EditorState.create({
    doc,
    selection: cursors.length ? EditorSelection.create(cursors.map((c) => EditorSelection.cursor(c))) : undefined,
    extensions: [
      yamlFrontmatter({ content: markdown({ base: markdownLanguage }) }),
      history(),
      EditorState.allowMultipleSelections.of(true),
      smartTypography(config),
      extra,
    ],
  });
}

function stateStr(state: EditorState): string {
  let doc = state.doc.toString();
  for (let i = state.selection.ranges.length - 1; i >= 0; i--) {
    const range = state.selection.ranges[i];
    if (range) doc = doc.slice(0, range.from) + '|' + doc.slice(range.to);
  }
  return doc;
}

function apply(state: EditorState, specs: readonly TransactionSpec[]): EditorState {
  for (const spec of specs) state = state.update(spec).state;
  return state;
}

/** Types `text` one character at a time through the smart typography input, as the input handler would. */
function type(state: EditorState, text: string): EditorState {
  for (const ch of text) {
    const { from, to } = state.selection.main;
    const steps = typographyInput(state, from, to, ch);
    state = steps
      ? apply(state, steps)
      : state.update(state.replaceSelection(ch), { userEvent: 'input.type' }).state;
  }
  return state;
}

function run(state: EditorState, command: StateCommand): { state: EditorState; handled: boolean } {
  let next = state;
  const handled = command({ state, dispatch: (tr) => (next = tr.state) });
  return { state: next, handled };
}

function typed(doc: string, text: string, config: SmartTypographyConfig = {}): string {
  return stateStr(type(mkState(doc, config), text));
}

describe('smart quotes as you type', () => {
  const styles: [QuoteStyle, string, string][] = [
    ['de', 'Er sagte „Sie rief ‚Hallo‘ und ging“.|', 'Das geht’s gut.|'],
    ['de-guillemets', 'Er sagte »Sie rief ›Hallo‹ und ging«.|', 'Das geht’s gut.|'],
    ['de-CH', 'Er sagte «Sie rief ‹Hallo› und ging».|', 'Das geht’s gut.|'],
    ['en', 'Er sagte “Sie rief ‘Hallo’ und ging”.|', 'Das geht’s gut.|'],
  ];
  for (const [style, nested, apostrophe] of styles) {
    it(`sets ${style} quotes, single nested in double, and the apostrophe`, () => {
      expect(typed('Er sagte |', `"Sie rief 'Hallo' und ging".`, { style })).toBe(nested);
      expect(typed('Das |', "geht's gut.", { style })).toBe(apostrophe);
    });
  }

  it('defaults to German quotes', () => {
    expect(typed('|', '"Hallo"')).toBe('„Hallo“|');
  });

  it('opens at the start, after a newline, an opening bracket, a dash and a slash', () => {
    expect(typed('|', '"')).toBe('„|');
    expect(typed('Zeile\n|', '"')).toBe('Zeile\n„|');
    expect(typed('(|', '"a")')).toBe('(„a“)|');
    expect(typed('[|', '"a"]')).toBe('[„a“]|');
    expect(typed('Text – |', '"a"')).toBe('Text – „a“|');
    expect(typed('Text –|', '"a"')).toBe('Text –„a“|');
    expect(typed('und/|', '"a"')).toBe('und/„a“|');
  });

  it('closes after letters, digits inside a quote and punctuation', () => {
    expect(typed('„Wirklich?|', '"')).toBe('„Wirklich?“|');
    expect(typed('„Es sind 3|', '"')).toBe('„Es sind 3“|');
    expect(typed('„Er sagte ‚Los!|', `'"`)).toBe('„Er sagte ‚Los!‘“|');
  });

  it('looks through emphasis markup to decide', () => {
    expect(typed('Er sagte *|', '"Hallo"*')).toBe('Er sagte *„Hallo“*|');
    expect(typed('Er sagte **|', '"Hallo**"')).toBe('Er sagte **„Hallo**“|');
    expect(typed('Er sagte <em>|', '"Hallo</em>"')).toBe('Er sagte <em>„Hallo</em>“|');
    expect(typed('>|', '"Zitat"')).toBe('>„Zitat“|');
  });

  it('makes the apostrophe ’ inside and after a word', () => {
    expect(typed('|', "Wie geht's?")).toBe('Wie geht’s?|');
    expect(typed('|', "Max' Auto")).toBe('Max’ Auto|');
    expect(typed('|', "Ku'damm")).toBe('Ku’damm|');
    expect(typed('|', "rock 'n' roll", { style: 'en' })).toBe('rock ‘n’ roll|');
  });

  it('turns a closing single quote into an apostrophe when a letter follows it', () => {
    expect(typed('|', `"Das ist 'Peters Buch'"`)).toBe('„Das ist ‚Peters Buch‘“|');
    expect(typed('|', `'Das ist Peter's Buch'`)).toBe('‚Das ist Peter’s Buch‘|');
    expect(typed('|', `'Das ist Peter's Buch'`, { style: 'de-CH' })).toBe('‹Das ist Peter’s Buch›|');
  });

  it('uses the text after the cursor when typing into existing text', () => {
    expect(typed('So |ne Sache', "'")).toBe('So ’|ne Sache');
    expect(typed('geht|s', "'")).toBe('geht’|s');
    expect(typed('Die |90er', "'")).toBe('Die ’|90er');
  });

  it('leaves a quote after a bare number straight: feet, inches, minutes, seconds', () => {
    expect(typed('Kapitel 3|', "'")).toBe("Kapitel 3'|");
    expect(typed('Er ist 5|', `' 11"`)).toBe(`Er ist 5' 11"|`);
  });

  it('leaves an escaped quote straight', () => {
    expect(typed('Ein \\|', '"')).toBe('Ein \\"|');
    // An escaped backslash is an ordinary visible character: the quote after it closes.
    expect(typed('Ein \\\\|', '"')).toBe('Ein \\\\“|');
  });

  it('never touches code spans, finished or still open', () => {
    expect(typed('Nimm `echo |`', '"')).toBe('Nimm `echo "|`');
    expect(typed('Nimm `echo |', `"hi"`)).toBe('Nimm `echo "hi"|');
    expect(typed('Nimm ``a ` |', "'")).toBe("Nimm ``a ` '|");
    expect(typed('Nimm `a` |', '"')).toBe('Nimm `a` „|');
  });

  it('never touches fenced or indented code', () => {
    expect(typed('Text\n\n```js\nconst a = |\n```\n', `"x"`)).toBe('Text\n\n```js\nconst a = "x"|\n```\n');
    expect(typed('Text\n\n```\nlet s = |', `'x'`)).toBe("Text\n\n```\nlet s = 'x'|");
    expect(typed('Text\n\n    code |', '"')).toBe('Text\n\n    code "|');
    expect(typed('Text\n\n```\na\n```\n\nDanach |', '"')).toBe('Text\n\n```\na\n```\n\nDanach „|');
  });

  it('never touches the YAML front matter, closed or still being written', () => {
    expect(typed('---\ntitle: |\n---\n\nText', `"Hallo"`)).toBe('---\ntitle: "Hallo"|\n---\n\nText');
    expect(typed('---\ntitle: |', `'Hallo'`)).toBe("---\ntitle: 'Hallo'|");
    expect(typed('---\ntitle: x\n---\n\nEr sagte |', `"Hallo"`)).toBe('---\ntitle: x\n---\n\nEr sagte „Hallo“|');
  });

  it('never touches URLs, link destinations, autolinks and HTML', () => {
    expect(typed('Siehe https://example.com/a|', "'")).toBe("Siehe https://example.com/a'|");
    expect(typed('Siehe www.example.com/|', '"')).toBe('Siehe www.example.com/"|');
    expect(typed('[Text](https://x.de |', `"Titel"`)).toBe('[Text](https://x.de "Titel"|');
    expect(typed('[Text](|', `'`)).toBe("[Text]('|");
    expect(typed('[ref]: https://x.de |', `"T"`)).toBe('[ref]: https://x.de "T"|');
    expect(typed('Ein <a href=|', `"x"`)).toBe('Ein <a href="x"|');
    expect(typed('Ein <a href="x" title=|>', `"t"`)).toBe('Ein <a href="x" title="t"|>');
    expect(typed('<!-- Notiz |-->', `"`)).toBe('<!-- Notiz "|-->');
    expect(typed('Siehe [den „Text“](https://x.de) |', `"`)).toBe('Siehe [den „Text“](https://x.de) „|');
  });

  it('does nothing when switched off, for quotes only or altogether', () => {
    expect(typed('|', `"a" -- b...`, { enabled: false })).toBe('"a" -- b...|');
    expect(typed('|', `"a" -- b...`, { quotes: false })).toBe('"a" – b…|');
  });

  it('leaves several cursors to ordinary typing', () => {
    const state = mkState('a| b|');
    expect(typographyInput(state, 1, 1, '"')).toBeNull();
  });

  it('gives back the straight quote on an immediate undo, and the smart one on redo', () => {
    const state = type(mkState('Er sagte |'), '"');
    expect(stateStr(state)).toBe('Er sagte „|');
    const undone = run(state, undo).state;
    expect(stateStr(undone)).toBe('Er sagte "|');
    expect(stateStr(run(undone, redo).state)).toBe('Er sagte „|');
    expect(stateStr(run(undone, undo).state)).toBe('Er sagte |');
  });

  it('undoes only the last replacement after a word with quotes', () => {
    const state = type(mkState('|'), '"Hallo"');
    const undone = run(state, undo).state;
    expect(stateStr(undone)).toBe('„Hallo"|');
  });

  it('gives back the straight quote on an immediate Backspace, then deletes normally', () => {
    const state = type(mkState('Er sagte |'), '"');
    const first = run(state, revertSmartTypography);
    expect(first.handled).toBe(true);
    expect(stateStr(first.state)).toBe('Er sagte "|');
    expect(run(first.state, revertSmartTypography).handled).toBe(false);
    expect(stateStr(run(type(mkState('|'), "geht'"), revertSmartTypography).state)).toBe("geht'|");
  });

  it('does not revert once the cursor has moved or more was typed', () => {
    const state = type(mkState('Er sagte |'), '"');
    const moved = state.update({ selection: EditorSelection.cursor(0) }).state;
    expect(run(moved, revertSmartTypography).handled).toBe(false);
    expect(run(type(state, 'H'), revertSmartTypography).handled).toBe(false);
  });
});

describe('dashes and ellipses as you type', () => {
  it('turns " -- " into " – "', () => {
    expect(typed('Heute |', '-- morgen')).toBe('Heute – morgen|');
  });

  it('leaves other dashes alone', () => {
    expect(typed('|', '-- a')).toBe('-- a|');
    expect(typed('Titel\n|', '-- ')).toBe('Titel\n-- |');
    expect(typed('a |', '--- b')).toBe('a --- b|');
    expect(typed('Option |', '--force ')).toBe('Option --force |');
    expect(typed('Nimm `a |', '-- b`')).toBe('Nimm `a -- b`|');
    expect(typed('a |', '-- b', { dashes: false })).toBe('a -- b|');
  });

  it('turns "..." into "…" and leaves a fourth dot alone', () => {
    expect(typed('Und dann|', '...')).toBe('Und dann…|');
    expect(typed('Und dann|', '....')).toBe('Und dann….|');
    expect(typed('Und dann|', '...', { ellipsis: false })).toBe('Und dann...|');
  });

  it('keeps dots in code, URLs, link destinations and the front matter fence', () => {
    expect(typed('`a|`', '...')).toBe('`a...|`');
    expect(typed('Siehe https://x.de/a|', '...')).toBe('Siehe https://x.de/a...|');
    expect(typed('[a](|', '...')).toBe('[a](...|');
    expect(typed('---\ntitle: x\n|', '...')).toBe('---\ntitle: x\n...|');
  });

  it('gives back the typed characters on undo and on Backspace', () => {
    const dash = type(mkState('a |'), '-- ');
    expect(stateStr(dash)).toBe('a – |');
    expect(stateStr(run(dash, undo).state)).toBe('a -- |');
    expect(stateStr(run(dash, revertSmartTypography).state)).toBe('a -- |');

    const dots = type(mkState('Na|'), '...');
    expect(stateStr(dots)).toBe('Na…|');
    expect(stateStr(run(dots, undo).state)).toBe('Na...|');
    expect(stateStr(run(dots, revertSmartTypography).state)).toBe('Na...|');
  });
});

describe('fixQuotesInDocument', () => {
  const before = [
    '---',
    'title: "Ein \'Test\'"',
    'tags: ["a", "b"]',
    '---',
    '',
    'Er sagte: "Das geht\'s nicht, \'so\' geht das." Und `echo "hi"` bleibt.',
    '',
    'Siehe [den "Link"](https://example.com/it\'s "Titel") und <span class="x">"Text"</span>.',
    '',
    '```sh',
    'echo "nicht"',
    '```',
    '',
    'Ein \\"Zeichen\\" und 5\' 11" bleiben; https://x.de/"a" auch.',
    '',
  ].join('\n');
  const after = [
    '---',
    'title: "Ein \'Test\'"',
    'tags: ["a", "b"]',
    '---',
    '',
    'Er sagte: „Das geht’s nicht, ‚so‘ geht das.“ Und `echo "hi"` bleibt.',
    '',
    'Siehe [den „Link“](https://example.com/it\'s "Titel") und <span class="x">„Text“</span>.',
    '',
    '```sh',
    'echo "nicht"',
    '```',
    '',
    'Ein \\"Zeichen\\" und 5\' 11" bleiben; https://x.de/"a" auch.',
    '',
  ].join('\n');

  it('fixes the prose of the whole document in one undoable step', () => {
    const start = mkState(before);
    const fixed = run(start, fixQuotesInDocument('de'));
    expect(fixed.handled).toBe(true);
    expect(fixed.state.doc.toString()).toBe(after);
    expect(run(fixed.state, undo).state.doc.toString()).toBe(before);
  });

  it('uses the configured style when none is given', () => {
    const fixed = run(mkState('Er sagte "ja".', { style: 'de-CH' }), fixQuotesInDocument());
    expect(fixed.state.doc.toString()).toBe('Er sagte «ja».');
  });

  it('reports false when there is nothing to fix', () => {
    expect(run(mkState(after), fixQuotesInDocument('de')).handled).toBe(false);
  });

  it('is not merged into the typing before it', () => {
    const typedState = type(mkState('|'), 'Ja ');
    const withQuote = typedState.update({ changes: { from: 3, insert: '"x"' } }).state;
    const fixed = run(withQuote, fixQuotesInDocument('en')).state;
    expect(fixed.doc.toString()).toBe('Ja “x”');
    expect(run(fixed, undo).state.doc.toString()).toBe('Ja "x"');
  });
});
