import type { SpellLanguage } from '../../common/model/spell.js';
import type { SpellRange, SpellToken } from '../../common/text/spell-tokens.js';

/**
 * Messages between SpellService (main thread) and spell-worker.ts. Main reads the dictionary files and sends
 * their bytes, so the worker never touches the file system (a worker thread cannot read from app.asar).
 */
export type WorkerRequest =
  | { id: number; kind: 'load'; language: SpellLanguage; aff: Uint8Array; dic: Uint8Array }
  | { id: number; kind: 'check'; language: SpellLanguage; text: string; frontMatter: boolean; ranges: SpellRange[] | null }
  | { id: number; kind: 'suggest'; language: SpellLanguage; word: string; limit: number };

export type WorkerReply =
  | { id: number; kind: 'loaded' }
  | { id: number; kind: 'checked'; misspelled: SpellToken[] }
  | { id: number; kind: 'suggested'; suggestions: string[] }
  | { id: number; kind: 'failed'; message: string };
