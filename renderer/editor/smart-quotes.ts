import { isolateHistory } from '@codemirror/commands';
import {
  EditorSelection,
  Facet,
  Prec,
  StateEffect,
  StateField,
  type EditorState,
  type Extension,
  type StateCommand,
  type TransactionSpec,
} from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { APOSTROPHE, QUOTE_MARKS, quoteFixes, smartQuote, type QuoteStyle } from '../../electron/common/text/typography.js';
import { isTypographyExcluded, typographyExclusions } from './typography-context.js';

/** Settings of {@link smartTypography}; anything left out takes its default. */
export interface SmartTypographyConfig {
  /** Master switch: false turns every replacement as you type off. Default true. */
  enabled?: boolean;
  /** Which quotes to set. Default 'de' („…“ ‚…‘). */
  style?: QuoteStyle;
  /** Straight quotes and apostrophes become typographic ones. Default true. */
  quotes?: boolean;
  /** ` -- ` becomes ` – ` (en dash between spaces). Default true. */
  dashes?: boolean;
  /** `...` becomes `…`. Default true. */
  ellipsis?: boolean;
}

type ResolvedConfig = Required<SmartTypographyConfig>;

const DEFAULTS: ResolvedConfig = { enabled: true, style: 'de', quotes: true, dashes: true, ellipsis: true };

const typographyConfig = Facet.define<SmartTypographyConfig, ResolvedConfig>({
  combine(configs) {
    // The value with the highest precedence comes first and wins, field by field.
    const result: ResolvedConfig = { ...DEFAULTS };
    for (const config of [...configs].reverse()) {
      for (const [key, value] of Object.entries(config) as [keyof ResolvedConfig, unknown][]) {
        if (value !== undefined) Object.assign(result, { [key]: value });
      }
    }
    return result;
  },
});

/** The last replacement made as you type, kept only until anything else happens. */
interface SmartReplacement {
  from: number;
  smart: string;
  original: string;
  /** Where the cursor stood right after the replacement. */
  cursor: number;
}

const recordReplacement = StateEffect.define<SmartReplacement>();

const lastReplacement = StateField.define<SmartReplacement | null>({
  create: () => null,
  update(value, tr) {
    for (const effect of tr.effects) if (effect.is(recordReplacement)) return effect.value;
    return tr.docChanged || tr.selection ? null : value;
  },
});

/**
 * Every replacement takes two transactions: the typed character goes in as ordinary typing, then the
 * replacement follows as an undo step of its own. So Ctrl+Z right after it gives back exactly what was typed.
 */
function twoSteps(
  from: number,
  to: number,
  typed: string,
  replace: { from: number; to: number; insert: string },
  cursor: number,
  original?: string,
): TransactionSpec[] {
  const straight: TransactionSpec = {
    changes: { from, to, insert: typed },
    selection: EditorSelection.cursor(from + typed.length),
    userEvent: 'input.type',
    scrollIntoView: true,
  };
  const smart: TransactionSpec = {
    changes: replace,
    selection: EditorSelection.cursor(cursor),
    userEvent: 'input.type.typography',
    annotations: isolateHistory.of('full'),
    effects: original === undefined ? [] : recordReplacement.of({ from: replace.from, smart: replace.insert, original, cursor }),
    scrollIntoView: true,
  };
  return [straight, smart];
}

/** The text of the paragraph before `pos`: the open quotes in it decide how a single quote closes. */
function paragraphBefore(state: EditorState, pos: number): string {
  const doc = state.doc;
  let line = doc.lineAt(pos);
  for (let n = 0; n < 50 && line.number > 1; n++) {
    const previous = doc.line(line.number - 1);
    if (previous.text.trim() === '') break;
    line = previous;
  }
  return state.sliceDoc(line.from, pos);
}

function quoteInput(state: EditorState, config: ResolvedConfig, from: number, to: number, quote: '"' | "'"): TransactionSpec[] | null {
  if (isTypographyExcluded(state, from)) return null;
  const after = state.sliceDoc(to, Math.min(state.doc.length, to + 16));
  const smart = smartQuote(quote, paragraphBefore(state, from), after, config.style);
  if (smart === null) return null;
  return twoSteps(from, to, quote, { from, to: from + 1, insert: smart }, from + 1, quote);
}

/** A space typed after ` --` (with words before it on the line, so no setext underline is touched). */
function dashInput(state: EditorState, from: number, to: number): TransactionSpec[] | null {
  if (from !== to) return null;
  const line = state.doc.lineAt(from);
  if (!/\S[ \t]--$/.test(state.sliceDoc(line.from, from))) return null;
  if (isTypographyExcluded(state, from)) return null;
  return twoSteps(from, to, ' ', { from: from - 2, to: from, insert: '\u2013' }, from, '--');
}

/** The third of three dots (not a fourth). */
function ellipsisInput(state: EditorState, from: number, to: number): TransactionSpec[] | null {
  if (from !== to || from < 2) return null;
  if (state.sliceDoc(from - 2, from) !== '..' || state.sliceDoc(Math.max(0, from - 3), from - 2) === '.') return null;
  if (isTypographyExcluded(state, from)) return null;
  return twoSteps(from, to, '.', { from: from - 2, to: from + 1, insert: '\u2026' }, from - 1, '...');
}

/**
 * A letter typed right behind a closing single quote that was just set after a letter: it was an apostrophe
 * after all (`‚Das ist Peter‘` + `s` → `‚Das ist Peter’s`), since a closing quote is never followed by a letter.
 */
function letterAfterCloser(state: EditorState, config: ResolvedConfig, from: number, to: number, letter: string): TransactionSpec[] | null {
  const last = state.field(lastReplacement, false);
  const closer = QUOTE_MARKS[config.style].singleClose;
  if (!last || closer === APOSTROPHE || last.smart !== closer || last.original !== "'") return null;
  if (from !== to || from !== last.cursor || !/[\p{L}\p{N}]/u.test(state.sliceDoc(last.from - 1, last.from))) return null;
  return twoSteps(from, to, letter, { from: last.from, to: last.from + 1, insert: APOSTROPHE }, from + 1);
}

/**
 * What typing `text` over `from`–`to` should do with smart typography: null for ordinary insertion, or the
 * transactions to dispatch one after the other (the later ones address the document the earlier ones leave).
 * The input handler of {@link smartTypography} does exactly this; it is exported to be tested on bare states.
 */
export function typographyInput(state: EditorState, from: number, to: number, text: string): TransactionSpec[] | null {
  const config = state.facet(typographyConfig);
  if (!config.enabled || state.readOnly || state.selection.ranges.length !== 1) return null;
  if (text === '"' || text === "'") return config.quotes ? quoteInput(state, config, from, to, text) : null;
  if (text === ' ') return config.dashes ? dashInput(state, from, to) : null;
  if (text === '.') return config.ellipsis ? ellipsisInput(state, from, to) : null;
  if (config.quotes && /^\p{L}$/u.test(text)) return letterAfterCloser(state, config, from, to, text);
  return null;
}

/**
 * Backspace right after a smart replacement gives back what was typed (`„` → `"`, ` – ` → ` -- `, `…` →
 * `...`) instead of deleting. Bound to Backspace by {@link smartTypography}; false when there is nothing to
 * revert, so Backspace then deletes as usual.
 */
export const revertSmartTypography: StateCommand = ({ state, dispatch }) => {
  const last = state.field(lastReplacement, false);
  if (!last) return false;
  const { ranges, main } = state.selection;
  if (ranges.length !== 1 || !main.empty || main.head !== last.cursor) return false;
  const to = last.from + last.smart.length;
  if (state.sliceDoc(last.from, to) !== last.smart) return false;
  dispatch(
    state.update({
      changes: { from: last.from, to, insert: last.original },
      selection: EditorSelection.cursor(last.cursor + last.original.length - last.smart.length),
      userEvent: 'delete.backward',
      scrollIntoView: true,
    }),
  );
  return true;
};

const inputHandler = EditorView.inputHandler.of((view, from, to, text) => {
  // Leave input methods alone while they compose.
  if (view.compositionStarted) return false;
  const steps = typographyInput(view.state, from, to, text);
  if (!steps) return false;
  for (const spec of steps) view.dispatch(spec);
  return true;
});

const revertKeymap = Prec.highest(keymap.of([{ key: 'Backspace', run: revertSmartTypography }]));

/**
 * Typographic quotes, apostrophes, en dashes and ellipses as you type, in prose only (never in code, front
 * matter, URLs or HTML). The quote mark follows the configured style and the character before the cursor.
 * An immediate Ctrl+Z or Backspace gives back the straight characters. Reconfigure it through a Compartment
 * when the settings or the post's language change.
 */
export function smartTypography(config: SmartTypographyConfig = {}): Extension {
  return [typographyConfig.of(config), lastReplacement, inputHandler, revertKeymap];
}

/**
 * The command „Anführungszeichen im Dokument korrigieren“: sets every straight quote and apostrophe in the
 * prose of the whole document typographically, as one undoable step; code, front matter, URLs and HTML stay
 * as they are. Without `style`, the style configured for {@link smartTypography} (or 'de') is used. Returns
 * false when there was nothing to correct.
 */
export function fixQuotesInDocument(style?: QuoteStyle): StateCommand {
  return ({ state, dispatch }) => {
    if (state.readOnly) return false;
    const changes = quoteFixes(state.doc.toString(), typographyExclusions(state), style ?? state.facet(typographyConfig).style);
    if (changes.length === 0) return false;
    dispatch(state.update({ changes, userEvent: 'input.typography.fix', annotations: isolateHistory.of('full') }));
    return true;
  };
}
