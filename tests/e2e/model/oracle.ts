import { MARKER } from './operations.js';

/** A word the user typed, and where and when, for the failure report. */
export interface TypedMarker {
  word: string;
  step: number;
  /** The post that was open when it was typed (its id then). */
  postId: string | null;
  kind: 'text' | 'title';
}

/**
 * What the user typed and did not delete on purpose. Renames and duplicates move text between folders, so the
 * model does not predict where a word lives, only that it must live somewhere.
 */
export class TypedModel {
  private readonly markers = new Map<string, TypedMarker>();

  add(words: readonly string[], step: number, postId: string | null, kind: TypedMarker['kind']): void {
    for (const word of words) this.markers.set(word, { word, step, postId, kind });
  }

  /** The user replaced these words (an old title): they leave the model. */
  forget(text: string): void {
    for (const word of text.match(MARKER) ?? []) this.markers.delete(word);
  }

  all(): TypedMarker[] {
    return [...this.markers.values()];
  }

  get size(): number {
    return this.markers.size;
  }
}

/** Every place where typed text may legitimately be, read at one moment. */
export interface Snapshot {
  /** The open editor's whole document (not the rendered lines), or null without an editor. */
  editor: string | null;
  /** index.md of every post folder (and of a folder the test moved away for a while), by path. */
  disk: Map<string, string>;
  /** Files under `<library>/.kladde/wiederherstellung/`, by path. */
  journal: Map<string, string>;
  /** Values of the page's localStorage. */
  localStorage: string[];
}

export type Place = 'editor' | 'disk' | 'journal' | 'localStorage';

/** Where each word was found; words found nowhere map to an empty list. */
export function locate(words: readonly string[], snapshot: Snapshot): Map<string, Place[]> {
  const haystacks: [Place, string][] = [
    ...(snapshot.editor === null ? [] : [['editor', snapshot.editor] as [Place, string]]),
    ...[...snapshot.disk.values()].map((t): [Place, string] => ['disk', t]),
    ...[...snapshot.journal.values()].map((t): [Place, string] => ['journal', t]),
    ...snapshot.localStorage.map((t): [Place, string] => ['localStorage', t]),
  ];
  const found = new Map<string, Place[]>();
  for (const word of words) {
    const places = new Set<Place>();
    for (const [place, text] of haystacks) if (containsWord(text, word)) places.add(place);
    found.set(word, [...places]);
  }
  return found;
}

/** Markers are unique words with a fixed `wort` prefix and `x` suffix: a plain substring search cannot confuse them. */
function containsWord(text: string, word: string): boolean {
  return text.includes(word);
}

/** The typed markers found nowhere: each one is text the user lost. */
export function lostMarkers(model: TypedModel, snapshot: Snapshot): TypedMarker[] {
  const all = model.all();
  const found = locate(all.map((m) => m.word), snapshot);
  return all.filter((m) => (found.get(m.word) ?? []).length === 0);
}
