import path from 'node:path';
import { SpellService } from './spell-service.js';
import { locateSpellWorker, spellWorkerFactory } from './worker-source.js';

/** The personal dictionary's place in a library: hidden state folder, plain text, shareable via git. */
export function personalDictionaryPath(libraryRoot: string): string {
  return path.join(libraryRoot, '.kladde', 'woerterbuch.txt');
}

/**
 * The spell checker as the app runs it: the worker found beside this code (bundle or source) and the
 * library's personal dictionary. A missing worker file only switches spell checking off.
 */
export function createSpellService(libraryRoot: string, log?: (message: string) => void): SpellService {
  return new SpellService({
    personalDictionaryPath: personalDictionaryPath(libraryRoot),
    createWorker: () => {
      const file = locateSpellWorker();
      if (!file) throw new Error('spell-worker nicht gefunden');
      return spellWorkerFactory(file)();
    },
    ...(log ? { log } : {}),
  });
}
