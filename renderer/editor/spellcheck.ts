import { Facet, StateEffect, StateField, type EditorState, type Extension, type Range } from '@codemirror/state';
import { Decoration, EditorView, ViewPlugin, type DecorationSet, type ViewUpdate } from '@codemirror/view';
import { ensureSyntaxTree, syntaxTree } from '@codemirror/language';
import type { SyntaxNode } from '@lezer/common';
import type { Misspelling, SpellCheckRequest, SpellCheckResult } from '../../electron/common/model/spell';

/** Where a misspelt word was right-clicked, for the suggestion menu. */
export interface MisspellingAt {
  word: string;
  from: number;
  to: number;
  x: number;
  y: number;
}

export interface SpellcheckConfig {
  /** Asks main to check; null when the call failed. */
  check: (request: SpellCheckRequest) => Promise<SpellCheckResult | null>;
  /** The language of the current post. */
  lang: string;
  /** Reports status changes (fell back to German, dictionary missing …) for a notice. */
  onStatus: (status: Pick<SpellCheckResult, 'language' | 'fellBack' | 'available' | 'problem'>) => void;
  /** Opens the suggestion menu for a misspelt word. */
  onContextMenu: (at: MisspellingAt) => void;
  /** Pause after typing before a check, in ms. */
  delay?: number;
}

const MAX_TEXT = 2_000_000;

const spellConfig = Facet.define<SpellcheckConfig, SpellcheckConfig | null>({
  combine: (values) => values[0] ?? null,
});

/** Replaces the underlines inside the checked ranges with the result. */
const setMisspellings = StateEffect.define<{ ranges: { from: number; to: number }[]; found: Misspelling[] }>();
/** Drops every underline of a word (after „Zum Wörterbuch hinzufügen“ or „Ignorieren“). */
export const forgetWord = StateEffect.define<string>();

const underline = (word: string) => Decoration.mark({ class: 'cm-misspelled', attributes: { 'data-word': word }, word });

const misspellings = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(value, tr) {
    let next = value.map(tr.changes);
    if (tr.docChanged) {
      // A word being edited is not underlined until it has been checked again. Only underlines around the
      // change are looked at (filterFrom/filterTo), so a keystroke costs the same in a 1 MB post.
      tr.changes.iterChangedRanges((_fa, _ta, a, b) => {
        next = next.update({ filter: (from, to) => !(from <= b && to >= a), filterFrom: a, filterTo: b });
      });
    }
    for (const effect of tr.effects) {
      if (effect.is(setMisspellings)) {
        const { ranges, found } = effect.value;
        next = next.update({
          filter: (from, to) => !ranges.some((r) => from < r.to && to > r.from),
          add: found
            .filter((m) => m.to <= tr.state.doc.length && m.from < m.to)
            .map((m): Range<Decoration> => underline(m.word).range(m.from, m.to)),
          sort: true,
        });
      } else if (effect.is(forgetWord)) {
        const word = effect.value;
        next = next.update({ filter: (_f, _t, deco) => (deco.spec as { word?: string }).word !== word });
      }
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

/** The misspelt word at a document position, if any. */
export function misspellingAt(state: EditorState, pos: number): { word: string; from: number; to: number } | null {
  let hit: { word: string; from: number; to: number } | null = null;
  state.field(misspellings, false)?.between(pos, pos, (from, to, deco) => {
    hit = { word: (deco.spec as { word: string }).word, from, to };
    return false;
  });
  return hit;
}

class SpellPlugin {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private pending: { from: number; to: number }[] = [];
  private inFlight = false;
  private lang: string;

  constructor(private readonly view: EditorView) {
    this.lang = view.state.facet(spellConfig)?.lang ?? 'de';
    this.pending.push({ from: 0, to: view.state.doc.length });
    this.schedule(50);
  }

  update(u: ViewUpdate): void {
    const lang = u.state.facet(spellConfig)?.lang ?? 'de';
    if (lang !== this.lang) {
      this.lang = lang;
      this.pending = [{ from: 0, to: u.state.doc.length }];
      this.schedule(50);
      return;
    }
    if (u.docChanged) {
      this.pending = this.pending.map((r) => ({ from: u.changes.mapPos(r.from, -1), to: u.changes.mapPos(r.to, 1) }));
      u.changes.iterChangedRanges((_fa, _ta, fromB, toB) => this.pending.push(lineSpan(u.state, fromB, toB)));
      this.schedule();
    } else if (u.viewportChanged) {
      this.schedule();
    }
  }

  private schedule(delay?: number): void {
    const config = this.view.state.facet(spellConfig);
    if (!config) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(), delay ?? config.delay ?? 350);
  }

  private async run(): Promise<void> {
    const config = this.view.state.facet(spellConfig);
    if (!config) return;
    if (this.inFlight) return this.schedule();
    const state = this.view.state;
    if (state.doc.length > MAX_TEXT) return;
    const ranges = [...this.pending, ...this.view.visibleRanges.map((r) => ({ from: r.from, to: r.to }))].map((r) => ({
      from: Math.max(0, Math.min(r.from, state.doc.length)),
      to: Math.max(0, Math.min(r.to, state.doc.length)),
    }));
    this.pending = [];
    this.inFlight = true;
    try {
      // Only the text around the ranges travels, from a block start so code and front matter are recognised:
      // JSON of a 1 MB post on every pause in typing would block the editor for longer than a frame.
      for (const part of requestParts(state, mergeRanges(ranges))) {
        const result = await config.check({ lang: config.lang, ...part });
        if (!result) return;
        config.onStatus({ language: result.language, fellBack: result.fellBack, available: result.available, problem: result.problem });
        if (this.view.state.doc !== state.doc) {
          // The text changed while main was checking: positions are stale, check again.
          this.pending.push(...ranges);
          return this.schedule();
        }
        this.view.dispatch({ effects: setMisspellings.of({ ranges: part.ranges, found: result.available ? result.misspelled : [] }) });
      }
    } finally {
      this.inFlight = false;
    }
  }

  destroy(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}

/** Ranges closer than this are checked in one request. */
const PART_GAP = 16_384;
/** A document this short is sent whole. */
const WHOLE_BELOW = 32_768;
/** Nodes of the Markdown tree whose text is no prose, and in which a part of the text must not start. */
const TOP = 'Document';

/**
 * The requests for `ranges` (sorted, merged): each the text from the start of the top-level block that holds its
 * first range (0 inside the front matter, so that is recognised too) to the end of the line of its last one.
 */
export function requestParts(state: EditorState, ranges: { from: number; to: number }[]): { text: string; offset: number; ranges: { from: number; to: number }[] }[] {
  const doc = state.doc;
  if (doc.length <= WHOLE_BELOW || ranges.length === 0) return [{ text: doc.toString(), offset: 0, ranges }];
  const fmEnd = frontMatterEnd(state);
  const parts: { text: string; offset: number; ranges: { from: number; to: number }[] }[] = [];
  let group: { from: number; to: number }[] = [];
  const flush = () => {
    const first = group[0];
    const last = group[group.length - 1];
    if (!first || !last) return;
    const start = first.from <= fmEnd ? 0 : blockStart(state, first.from);
    const end = doc.lineAt(Math.min(last.to, doc.length)).to;
    parts.push({ text: doc.sliceString(start, end), offset: start, ranges: group });
    group = [];
  };
  for (const r of ranges) {
    const last = group[group.length - 1];
    if (last && r.from - last.to > PART_GAP) flush();
    group.push(r);
  }
  flush();
  return parts;
}

/** Where the front matter ends (0 without one): its closing fence line. */
function frontMatterEnd(state: EditorState): number {
  const doc = state.doc;
  if (!/^\uFEFF?---[ \t]*$/.test(doc.line(1).text)) return 0;
  for (let n = 2; n <= Math.min(doc.lines, 5000); n++) {
    const line = doc.line(n);
    if (/^(?:---|\.\.\.)[ \t]*$/.test(line.text)) return line.to;
  }
  return 0;
}

/** The start of the top-level Markdown block holding `pos` (a fence, a list, a paragraph), else its line. */
function blockStart(state: EditorState, pos: number): number {
  const lineFrom = state.doc.lineAt(pos).from;
  // The editor has parsed what is visible and what was typed in; a few milliseconds for anything else.
  const tree = ensureSyntaxTree(state, pos, 5) ?? syntaxTree(state);
  for (let node: SyntaxNode | null = tree.resolveInner(lineFrom, 1); node; node = node.parent) {
    if (node.parent?.name === TOP) return Math.min(lineFrom, node.from);
  }
  return lineFrom;
}

function lineSpan(state: EditorState, from: number, to: number): { from: number; to: number } {
  return { from: state.doc.lineAt(from).from, to: state.doc.lineAt(to).to };
}

function mergeRanges(ranges: { from: number; to: number }[]): { from: number; to: number }[] {
  const sorted = [...ranges].sort((a, b) => a.from - b.from);
  const out: { from: number; to: number }[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.from <= last.to + 1) last.to = Math.max(last.to, r.to);
    else out.push({ ...r });
  }
  return out.slice(0, 2000);
}

const plugin = ViewPlugin.fromClass(SpellPlugin, {
  eventHandlers: {
    contextmenu(event: MouseEvent, view: EditorView) {
      const pos = view.posAtCoords({ x: event.clientX, y: event.clientY });
      if (pos === null) return false;
      const hit = misspellingAt(view.state, pos);
      const config = view.state.facet(spellConfig);
      if (!hit || !config) return false;
      event.preventDefault();
      config.onContextMenu({ ...hit, x: event.clientX, y: event.clientY });
      return true;
    },
  },
});

const theme = EditorView.baseTheme({
  '.cm-misspelled': {
    textDecoration: 'underline wavy #d0463b',
    textDecorationSkipInk: 'none',
    textUnderlineOffset: '3px',
  },
});

/**
 * Spell checking by main's Hunspell worker: checks the changed and visible ranges after a pause in typing and
 * underlines misspelt words; a right-click on one asks the host for the suggestion menu. Reconfigure it
 * through a Compartment when the post's language changes.
 */
export function spellcheck(config: SpellcheckConfig): Extension {
  return [spellConfig.of(config), misspellings, plugin, theme];
}

