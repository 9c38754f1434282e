import { readFile } from 'node:fs/promises';
import type { Worker } from 'node:worker_threads';
import {
  resolveSpellLanguage,
  SPELL_LIMITS,
  type LanguageChoice,
  type SpellCheckRequest,
  type SpellCheckResult,
  type SpellLanguage,
  type SpellProblem,
  type SpellStatus,
  type SpellSuggestRequest,
  type SpellSuggestResult,
  type SpellWordResult,
} from '../../common/model/spell.js';
import type { SpellRange } from '../../common/text/spell-tokens.js';
import { npmDictionaryFiles, type DictionaryFiles } from './dictionary-files.js';
import { PersonalDictionary, WordSet } from './personal-dictionary.js';
import type { SpellWorkerFactory } from './worker-source.js';
import type { WorkerReply, WorkerRequest } from './worker-protocol.js';

export interface SpellServiceOptions {
  /** The personal word list, normally `<library>/.kladde/woerterbuch.txt`. */
  personalDictionaryPath: string;
  /** Starts the worker thread (see worker-source.ts); called lazily and again after a crash. */
  createWorker: SpellWorkerFactory;
  /** Where a language's .aff/.dic files are; default: the dictionary-* npm packages. */
  dictionaryFiles?: (language: SpellLanguage) => DictionaryFiles;
  /** How long one request may take before the worker counts as hung and is restarted. */
  timeoutMs?: number;
  /** Receives short notes on failures; never document text. */
  log?: (message: string) => void;
}

/** After this many crashes or hangs spell checking stays off until restart instead of crashing forever. */
const MAX_FAILURES = 3;

const LANGUAGE_NAMES: Record<SpellLanguage, string> = {
  'de-DE': 'Deutsch (Deutschland)',
  'de-AT': 'Deutsch (Österreich)',
  'de-CH': 'Deutsch (Schweiz)',
  en: 'Englisch',
};

type DistributiveOmitId<T> = T extends unknown ? Omit<T, 'id'> : never;
type Request = DistributiveOmitId<WorkerRequest>;

interface Pending {
  resolve: (reply: WorkerReply) => void;
  reject: (problem: SpellProblem) => void;
  timer: NodeJS.Timeout;
}

/** A failure that is already phrased for the UI. */
class ProblemError extends Error {
  constructor(readonly problem: SpellProblem) {
    super(problem.message);
  }
}

/**
 * Offline spell checking with real Hunspell in a worker thread. Dictionaries load on first use of a language
 * and stay loaded. Results never throw for a broken dictionary or checker: they say `available: false` with
 * a problem code, and the editor keeps working without underlines.
 */
export class SpellService {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  /** Per language: resolves to null once loaded in the current worker, or to the problem that stops it. */
  private readonly loads = new Map<SpellLanguage, Promise<SpellProblem | null>>();
  private failures = 0;
  private stopped = false;
  private readonly personal: PersonalDictionary;
  private readonly ignored = new WordSet();
  private readonly dictionaryFiles: (language: SpellLanguage) => DictionaryFiles;
  private readonly timeoutMs: number;
  private readonly log: (message: string) => void;

  constructor(private readonly options: SpellServiceOptions) {
    this.log = options.log ?? (() => undefined);
    this.personal = new PersonalDictionary(options.personalDictionaryPath, this.log);
    this.dictionaryFiles = options.dictionaryFiles ?? npmDictionaryFiles;
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  /**
   * Finds the misspelt words of `text` (Markdown; code, URLs, markup and front matter keys are skipped),
   * limited to `ranges` if given. Offsets in the result and in `ranges` are document offsets: `text` starts
   * at `offset` (default 0, the whole document).
   */
  async check(request: SpellCheckRequest): Promise<SpellCheckResult> {
    const choice = resolveSpellLanguage(request.lang);
    const offset = request.offset ?? 0;
    const none = { misspelled: [], truncated: false };
    const problem = await this.ready(choice.language);
    if (problem) return { ...off(choice, problem), ...none };
    let ranges: SpellRange[] | null = null;
    if (request.ranges) {
      ranges = request.ranges
        .filter((r) => r.to >= offset && r.from - offset <= request.text.length)
        .map((r) => ({ from: Math.max(0, r.from - offset), to: r.to - offset }));
      if (ranges.length === 0) return { ...on(choice), ...none };
    }
    try {
      const [reply] = await Promise.all([
        this.call({ kind: 'check', language: choice.language, text: request.text, frontMatter: offset === 0, ranges }),
        this.personal.refresh(),
      ]);
      if (reply.kind !== 'checked') throw new ProblemError(unexpected(reply));
      const wrong = reply.misspelled.filter((t) => !this.personal.matches(t.word) && !this.ignored.matches(t.word));
      return {
        ...on(choice),
        misspelled: wrong
          .slice(0, SPELL_LIMITS.misspellings)
          .map((t) => ({ from: t.from + offset, to: t.to + offset, word: t.word })),
        truncated: wrong.length > SPELL_LIMITS.misspellings,
      };
    } catch (error) {
      return { ...off(choice, asProblem(error)), ...none };
    }
  }

  /** Up to five suggestions for a word, best first; none for a word that is spelt correctly. */
  async suggest(request: SpellSuggestRequest): Promise<SpellSuggestResult> {
    const choice = resolveSpellLanguage(request.lang);
    const problem = await this.ready(choice.language);
    if (problem) return { ...off(choice, problem), suggestions: [] };
    try {
      const reply = await this.call({
        kind: 'suggest',
        language: choice.language,
        word: request.word.normalize('NFC'),
        limit: SPELL_LIMITS.suggestions,
      });
      if (reply.kind !== 'suggested') throw new ProblemError(unexpected(reply));
      return { ...on(choice), suggestions: reply.suggestions.slice(0, SPELL_LIMITS.suggestions) };
    } catch (error) {
      return { ...off(choice, asProblem(error)), suggestions: [] };
    }
  }

  /** Adds a word to the personal dictionary file; it counts as correct from the next check on, in every language. */
  async addWord(word: string): Promise<SpellWordResult> {
    return { word, changed: await this.personal.add(word) };
  }

  /** Accepts a word until Kladde quits, without writing it anywhere. */
  async ignoreWord(word: string): Promise<SpellWordResult> {
    return { word, changed: this.ignored.add(word) };
  }

  /** Ends the worker; later calls answer `checker-failed`. */
  async stop(): Promise<void> {
    this.stopped = true;
    const worker = this.worker;
    this.worker = null;
    this.failAll({ code: 'checker-failed', message: 'Die Rechtschreibprüfung wurde beendet.' });
    await worker?.terminate();
  }

  private ready(language: SpellLanguage): Promise<SpellProblem | null> {
    if (this.stopped) return Promise.resolve({ code: 'checker-failed', message: 'Die Rechtschreibprüfung wurde beendet.' });
    if (this.failures >= MAX_FAILURES) {
      return Promise.resolve({
        code: 'checker-disabled',
        message: 'Die Rechtschreibprüfung ist wiederholt ausgefallen und bleibt bis zum Neustart aus.',
      });
    }
    const known = this.loads.get(language);
    if (known) return known;
    const load = this.load(language);
    this.loads.set(language, load);
    // A dictionary that cannot be read stays off; a checker that failed is tried again on the next request.
    void load.then((problem) => {
      if (problem?.code.startsWith('checker-') && this.loads.get(language) === load) this.loads.delete(language);
    });
    return load;
  }

  private async load(language: SpellLanguage): Promise<SpellProblem | null> {
    let aff: Uint8Array;
    let dic: Uint8Array;
    try {
      const files = this.dictionaryFiles(language);
      [aff, dic] = await Promise.all([readFile(files.aff), readFile(files.dic)]);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unbekannt';
      this.log(`Wörterbuch ${language} nicht lesbar: ${code}`);
      return {
        code: 'dictionary-unreadable',
        message: `Das Wörterbuch „${LANGUAGE_NAMES[language]}“ konnte nicht gelesen werden (${code}); die Rechtschreibprüfung ist dafür aus.`,
      };
    }
    try {
      // Copied, not transferred: a Buffer may share its memory with others.
      const reply = await this.call({ kind: 'load', language, aff, dic });
      if (reply.kind === 'loaded') return null;
      this.log(`Wörterbuch ${language} unbrauchbar`);
      return {
        code: 'dictionary-broken',
        message: `Das Wörterbuch „${LANGUAGE_NAMES[language]}“ ist beschädigt; die Rechtschreibprüfung ist dafür aus.`,
      };
    } catch (error) {
      return asProblem(error);
    }
  }

  private call(request: Request): Promise<WorkerReply> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<WorkerReply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.log(`Rechtschreibprüfung antwortet nicht (${request.kind}); Neustart`);
        this.fail(worker, { code: 'checker-timeout', message: 'Die Rechtschreibprüfung hat zu lange gebraucht.' });
      }, this.timeoutMs);
      timer.unref();
      this.pending.set(id, { resolve, reject: (problem) => reject(new ProblemError(problem)), timer });
      // Only an outstanding request keeps the process alive; an idle worker must not.
      if (this.pending.size === 1) worker.ref();
      worker.postMessage({ ...request, id } satisfies WorkerRequest);
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    let worker: Worker;
    try {
      worker = this.options.createWorker();
    } catch (error) {
      this.failures++;
      this.log(`Rechtschreibprüfung startet nicht: ${error instanceof Error ? error.name : 'unbekannt'}`);
      throw new ProblemError({ code: 'checker-failed', message: 'Die Rechtschreibprüfung konnte nicht starten.' });
    }
    worker.on('message', (reply: WorkerReply) => this.settle(reply));
    worker.on('error', (error) => this.log(`Rechtschreibprüfung abgestürzt: ${error.name}`));
    worker.on('exit', () => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.loads.clear();
      this.failures++;
      this.failAll({ code: 'checker-failed', message: 'Die Rechtschreibprüfung ist ausgefallen und startet neu.' });
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private settle(reply: WorkerReply): void {
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    this.pending.delete(reply.id);
    clearTimeout(pending.timer);
    if (this.pending.size === 0) this.worker?.unref();
    pending.resolve(reply);
  }

  /** Gives up on a hung worker: every waiting request gets `problem`, and the next request starts afresh. */
  private fail(worker: Worker, problem: SpellProblem): void {
    if (this.worker !== worker) return;
    this.worker = null;
    this.loads.clear();
    this.failures++;
    this.failAll(problem);
    void worker.terminate();
  }

  private failAll(problem: SpellProblem): void {
    for (const pending of this.pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(problem);
    }
    this.pending.clear();
  }
}

function on(choice: LanguageChoice): SpellStatus {
  return { language: choice.language, fellBack: choice.fellBack, available: true, problem: null };
}

function off(choice: LanguageChoice, problem: SpellProblem): SpellStatus {
  return { language: choice.language, fellBack: choice.fellBack, available: false, problem };
}

function unexpected(reply: WorkerReply): SpellProblem {
  return {
    code: 'checker-failed',
    message: `Die Rechtschreibprüfung hat einen Fehler gemeldet${reply.kind === 'failed' ? '' : ' (unerwartete Antwort)'}.`,
  };
}

function asProblem(error: unknown): SpellProblem {
  if (error instanceof ProblemError) return error.problem;
  return { code: 'checker-failed', message: 'Die Rechtschreibprüfung ist fehlgeschlagen.' };
}
