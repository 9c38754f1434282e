import { Facet, RangeSetBuilder, type Extension, type Text } from '@codemirror/state';
import { Decoration, EditorView, ViewPlugin, type DecorationSet, type ViewUpdate } from '@codemirror/view';

export type DimUnit = 'paragraph' | 'sentence';

interface DimConfig {
  unit: DimUnit;
  /** The language sentences are found in (`de`, `en` …). */
  lang: string;
}

const dimConfig = Facet.define<DimConfig, DimConfig>({
  combine: (values) => values[values.length - 1] ?? { unit: 'paragraph', lang: 'de' },
});

/** How far (in lines) a paragraph is looked for around the cursor; longer blocks are cut there. */
const MAX_PARAGRAPH_LINES = 2000;
/** How much of a long paragraph around the cursor is split into sentences. */
const SENTENCE_WINDOW = 4000;

function isBlank(text: string): boolean {
  return text.trim() === '';
}

function isHeading(text: string): boolean {
  return /^ {0,3}#{1,6}(\s|$)/.test(text);
}

/**
 * The part of the text that stays bright: the paragraph the cursor is in (lines up to a blank line; a heading
 * is a paragraph of its own), or the sentence in it. Pure, for tests on a bare document.
 */
export function activeRange(doc: Text, pos: number, unit: DimUnit, lang = 'de'): { from: number; to: number } {
  const line = doc.lineAt(pos);
  if (isBlank(line.text) || isHeading(line.text)) return { from: line.from, to: line.to };
  let first = line;
  for (let i = 0; i < MAX_PARAGRAPH_LINES && first.number > 1; i++) {
    const prev = doc.line(first.number - 1);
    if (isBlank(prev.text) || isHeading(prev.text)) break;
    first = prev;
  }
  let last = line;
  for (let i = 0; i < MAX_PARAGRAPH_LINES && last.number < doc.lines; i++) {
    const next = doc.line(last.number + 1);
    if (isBlank(next.text) || isHeading(next.text)) break;
    last = next;
  }
  if (unit === 'paragraph') return { from: first.from, to: last.to };
  const from = Math.max(first.from, pos - SENTENCE_WINDOW);
  const to = Math.min(last.to, pos + SENTENCE_WINDOW);
  // A single line break inside a paragraph is a soft break in Markdown, not a sentence end (ICU ends a sentence
  // there); a space of the same length keeps the offsets.
  const text = doc.sliceString(from, to).replace(/\n/g, ' ');
  const at = pos - from;
  let found = { from: pos, to: pos };
  for (const segment of new Intl.Segmenter(lang, { granularity: 'sentence' }).segment(text)) {
    if (segment.index > at) break;
    // The cursor right after a sentence's full stop (or in the spaces after it) still belongs to it.
    found = { from: from + segment.index, to: from + segment.index + segment.segment.trimEnd().length };
  }
  return found;
}

const dimLine = Decoration.line({ class: 'cm-dimmed' });
const dimMark = Decoration.mark({ class: 'cm-dimmed' });

/** Dim decorations for the visible ranges only: a 1 MB post costs what the screen shows. */
function build(view: EditorView): DecorationSet {
  const { unit, lang } = view.state.facet(dimConfig);
  const { doc, selection } = view.state;
  const active = activeRange(doc, selection.main.head, unit, lang);
  const builder = new RangeSetBuilder<Decoration>();
  // A line cut by a fold can belong to two visible ranges: each line is decorated once.
  let next = 0;
  for (const { from, to } of view.visibleRanges) {
    for (let pos = Math.max(from, next); pos <= to; ) {
      const line = doc.lineAt(pos);
      if (line.to < active.from || line.from > active.to) builder.add(line.from, line.from, dimLine);
      else {
        if (line.from < active.from) builder.add(line.from, active.from, dimMark);
        if (line.to > active.to) builder.add(active.to, line.to, dimMark);
      }
      pos = next = line.to + 1;
    }
  }
  return builder.finish();
}

const dimPlugin = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = build(view);
    }
    update(update: ViewUpdate) {
      if (update.docChanged || update.selectionSet || update.viewportChanged || update.startState.facet(dimConfig) !== update.state.facet(dimConfig)) {
        this.decorations = build(update.view);
      }
    }
  },
  { decorations: (p) => p.decorations },
);

const dimTheme = EditorView.theme({
  '.cm-dimmed': { opacity: '0.32', transition: 'opacity 120ms ease-out' },
});

/**
 * Dims everything but the current paragraph (or sentence), so the eye stays where the writing happens.
 * Decorations only cover the visible ranges and are rebuilt when the cursor, the text or the viewport moves.
 */
export function focusDimming(config: Partial<DimConfig> = {}): Extension {
  return [dimConfig.of({ unit: config.unit ?? 'paragraph', lang: config.lang ?? 'de' }), dimPlugin, dimTheme];
}
