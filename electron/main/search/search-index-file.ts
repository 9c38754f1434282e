import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import MiniSearch, { type AsPlainObject, type Options } from 'minisearch';
import { foldText, searchWords } from '../../common/text/search-fold.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import type { SearchDocument } from './search-document.js';

/**
 * The format of `.kladde/suche.json`. Raise it whenever folding, words or fields change: an index written by
 * another format is thrown away and built anew, never read with the wrong rules.
 */
export const SEARCH_INDEX_FORMAT = 1;
const ENGINE = 'minisearch-7';
export const SEARCH_INDEX_NAME = 'suche.json';

/** The index's rules: words of letters and digits, folded the German way; the title counts most. */
export const searchOptions: Options<SearchDocument> = {
  fields: ['title', 'body', 'tags', 'categories', 'credits'],
  storeFields: ['title'],
  tokenize: (text) => searchWords(text),
  processTerm: (term) => foldText(term) || null,
  searchOptions: {
    boost: { title: 3, tags: 2, categories: 2, credits: 1.5 },
    combineWith: 'AND',
    // While typing, the last word is a prefix; single letters are taken whole (a prefix of one letter matches
    // nearly every post and would only cost time).
    prefix: (term) => term.length >= 2,
  },
};

export function newIndex(): MiniSearch<SearchDocument> {
  return new MiniSearch<SearchDocument>(searchOptions);
}

/** What is on disk: the index and, per post, the modification time it was indexed at. */
export interface LoadedIndex {
  index: MiniSearch<SearchDocument>;
  signatures: Map<string, number>;
}

interface IndexFile {
  format: number;
  engine: string;
  signatures: Record<string, number>;
  index: AsPlainObject;
}

export function indexFilePath(root: string): string {
  return path.join(root, '.kladde', SEARCH_INDEX_NAME);
}

/** The saved index, or null when it is missing, unreadable, corrupt or of another format (then it is rebuilt). */
export async function loadIndexFile(root: string): Promise<LoadedIndex | null> {
  try {
    const raw = JSON.parse(await readFile(indexFilePath(root), 'utf8')) as Partial<IndexFile> | null;
    if (!raw || raw.format !== SEARCH_INDEX_FORMAT || raw.engine !== ENGINE || !raw.index || !raw.signatures) return null;
    const signatures = new Map<string, number>();
    for (const [id, ms] of Object.entries(raw.signatures)) if (typeof ms === 'number') signatures.set(id, ms);
    // Loaded in slices, so a large index does not hold up the main process in one piece.
    return { index: await MiniSearch.loadJSAsync(raw.index, searchOptions), signatures };
  } catch {
    return null;
  }
}

export async function saveIndexFile(root: string, loaded: LoadedIndex): Promise<void> {
  const file: IndexFile = {
    format: SEARCH_INDEX_FORMAT,
    engine: ENGINE,
    signatures: Object.fromEntries(loaded.signatures),
    index: loaded.index.toJSON(),
  };
  // Not recursive: a library folder that is gone (moved, a finished test) must not be created again by a late write.
  await mkdir(path.dirname(indexFilePath(root))).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  await writeFileAtomic(indexFilePath(root), JSON.stringify(file));
}
