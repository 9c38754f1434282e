import { loadModule, type HunspellFactory } from 'hunspell-asm';
import { parentPort } from 'node:worker_threads';
import type { SpellLanguage } from '../../common/model/spell.js';
import { spellTokens } from '../../common/text/spell-tokens.js';
import { WordChecker } from './word-checker.js';
import type { WorkerReply, WorkerRequest } from './worker-protocol.js';

// The worker thread that runs Hunspell (WebAssembly), so that loading a dictionary (~70 ms) and checking a long
// post never block main's event loop. It keeps one checker per language for its whole life.

const port = parentPort;
if (!port) throw new Error('spell-worker.ts läuft nur als Worker-Thread');

const PROBE_WORDS: Record<SpellLanguage, string> = { 'de-DE': 'und', 'de-AT': 'und', 'de-CH': 'und', en: 'the' };

let factory: Promise<HunspellFactory> | null = null;
const checkers = new Map<SpellLanguage, WordChecker>();

async function load(language: SpellLanguage, aff: Uint8Array, dic: Uint8Array): Promise<void> {
  factory ??= loadModule();
  const hunspell = await factory;
  const affPath = hunspell.mountBuffer(aff, `${language}.aff`);
  const dicPath = hunspell.mountBuffer(dic, `${language}.dic`);
  const speller = hunspell.create(affPath, dicPath);
  // The files are parsed now; their copies in WebAssembly memory are no longer needed.
  hunspell.unmount(affPath);
  hunspell.unmount(dicPath);
  // Hunspell accepts any file without complaint; a dictionary that knows not even its commonest word is broken.
  if (!speller.spell(PROBE_WORDS[language])) {
    speller.dispose();
    throw new Error(`Wörterbuch ${language} kennt „${PROBE_WORDS[language]}“ nicht`);
  }
  checkers.set(
    language,
    new WordChecker(speller, { swiss: language === 'de-CH', elidedEs: language.startsWith('de') }),
  );
}

function checker(language: SpellLanguage): WordChecker {
  const found = checkers.get(language);
  if (!found) throw new Error(`Wörterbuch ${language} ist nicht geladen`);
  return found;
}

async function handle(request: WorkerRequest): Promise<WorkerReply> {
  switch (request.kind) {
    case 'load':
      await load(request.language, request.aff, request.dic);
      return { id: request.id, kind: 'loaded' };
    case 'check': {
      const tokens = spellTokens(request.text, {
        frontMatter: request.frontMatter,
        ...(request.ranges ? { ranges: request.ranges } : {}),
      });
      return { id: request.id, kind: 'checked', misspelled: checker(request.language).misspelled(request.text, tokens) };
    }
    case 'suggest':
      return {
        id: request.id,
        kind: 'suggested',
        suggestions: checker(request.language).suggest(request.word, request.limit),
      };
  }
}

// Requests are handled strictly in order: a check must not overtake the load of its dictionary.
let queue: Promise<void> = Promise.resolve();
port.on('message', (request: WorkerRequest) => {
  queue = queue
    .then(() => handle(request))
    .then(
      (reply) => port.postMessage(reply),
      (error: unknown) =>
        port.postMessage({
          id: request.id,
          kind: 'failed',
          message: error instanceof Error ? error.message : String(error),
        } satisfies WorkerReply),
    );
});
