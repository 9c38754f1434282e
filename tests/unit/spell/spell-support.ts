import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SpellService, type SpellServiceOptions } from '../../../electron/main/spell/spell-service.js';
import { locateSpellWorker, spellWorkerFactory } from '../../../electron/main/spell/worker-source.js';

/** The worker as the app finds it from source: electron/main/spell/spell-worker.ts, started through tsx. */
export function sourceWorkerFile(): string {
  const file = locateSpellWorker();
  if (!file) throw new Error('spell-worker.ts nicht gefunden: electron/main/spell/spell-worker.ts fehlt');
  return file;
}

export interface SpellFixture {
  dir: string;
  dictionaryFile: string;
  service: SpellService;
  close(): Promise<void>;
}

/** A SpellService with the real worker and real dictionaries, its personal dictionary in a fresh temp folder. */
export async function spellFixture(options: Partial<SpellServiceOptions> = {}): Promise<SpellFixture> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kladde-spell-'));
  const dictionaryFile = path.join(dir, '.kladde', 'woerterbuch.txt');
  const service = new SpellService({
    personalDictionaryPath: dictionaryFile,
    createWorker: spellWorkerFactory(sourceWorkerFile()),
    ...options,
  });
  return {
    dir,
    dictionaryFile,
    service,
    close: async () => {
      await service.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The misspelt words of a text, as strings. */
export async function misspelt(service: SpellService, lang: string, text: string): Promise<string[]> {
  const result = await service.check({ lang, text });
  if (!result.available) throw new Error(`Rechtschreibprüfung aus: ${result.problem?.code} ${result.problem?.message}`);
  return result.misspelled.map((m) => m.word);
}
