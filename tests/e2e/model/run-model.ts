import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { launchChromium } from '../../support/browser.js';
import { SCREENSHOT_DIR, startKladde } from '../support/kladde.js';
import { describeOperation, generateOperations, WEIGHTS, type OperationKind } from './operations.js';
import { locate, lostMarkers, TypedModel, type Snapshot, type TypedMarker } from './oracle.js';
import { KladdeWorld } from './world.js';

export interface ModelRunResult {
  seed: number;
  steps: number;
  /** Distinct words typed (and kept) over the run. */
  markers: number;
  /** Word × step checks made. */
  checks: number;
  skipped: number;
  ms: number;
  log: string[];
}

/** A marker missing at one check may still be on its way (a keystroke not yet applied, a save in flight). */
const RECHECKS = [300, 700, 1500];

/**
 * Runs one seeded sequence against a fresh library and a fresh browser, checking after every step that every
 * typed word is in the editor, on disk or in the recovery journal. Throws at the first lost word with the
 * seed, the step and the whole step log.
 */
export async function runModel(seed: number, steps: number, weights: Readonly<Record<OperationKind, number>> = WEIGHTS): Promise<ModelRunResult> {
  const started = Date.now();
  const ops = generateOperations(seed, steps, weights);
  const base = await mkdtemp(path.join(os.tmpdir(), 'kladde-modell-'));
  const kladde = await startKladde({ configDir: path.join(base, 'config') });
  const browser = await launchChromium();
  const model = new TypedModel();
  const log: string[] = [];
  const pageErrors: string[] = [];
  let checks = 0;
  let skipped = 0;
  try {
    const page = await browser.context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    const world = new KladdeWorld(page, kladde, model, await makeDir(path.join(base, 'weggeraeumt')));
    await world.open();
    log.push(`   0  Start → ${await world.status()}`);

    const verify = async (step: number, what: string): Promise<void> => {
      let lost: TypedMarker[] = [];
      for (const wait of [0, ...RECHECKS]) {
        if (wait > 0) await page.waitForTimeout(wait);
        lost = lostMarkers(model, await world.snapshot());
        if (lost.length === 0) break;
      }
      checks += model.size;
      if (lost.length === 0) return;
      await mkdir(SCREENSHOT_DIR, { recursive: true });
      const shot = path.join(SCREENSHOT_DIR, `modell-seed-${seed}.png`);
      await page.screenshot({ path: shot }).catch(() => undefined);
      const snapshot = await world.snapshot();
      const dump = path.join(SCREENSHOT_DIR, `modell-seed-${seed}.txt`);
      await writeFile(
        dump,
        [
          `=== Editor ===\n${snapshot.editor ?? '(keiner)'}`,
          ...[...snapshot.disk.entries()].map(([file, text]) => `=== ${file} ===\n${text}`),
          ...[...snapshot.journal.entries()].map(([file, text]) => `=== ${file} ===\n${text}`),
          `=== localStorage ===\n${snapshot.localStorage.join('\n')}`,
        ].join('\n'),
      ).catch(() => undefined);
      const kept = locate(model.all().map((m) => m.word), snapshot);
      const keptCount = [...kept.values()].filter((p) => p.length > 0).length;
      throw new Error(
        [
          `Modelltest: Seed ${seed}, Schritt ${step} (${what}): ${lost.length} getippte(s) Wort/Wörter weder im Editor noch auf der Platte noch im Wiederherstellungsjournal:`,
          ...lost.flatMap((m) => [
            `  ${m.word} – getippt in Schritt ${m.step} in „${m.postId ?? '?'}“ (${m.kind === 'title' ? 'Titel' : 'Text'})`,
            ...traces(m.word, snapshot).map((t) => `      Spur: ${t}`),
          ]),
          `(${keptCount} andere Wörter sind noch da; Editor: ${snapshot.editor === null ? 'keiner' : `${snapshot.editor.length} Zeichen`}, ` +
            `${snapshot.disk.size} index.md, ${snapshot.journal.size} Journaldateien)`,
          `Nachstellen: SEED=${seed} STEPS=${step}${skipFlag(weights)} npx vitest run --project e2e tests/e2e/model-based.test.ts`,
          `Bildschirmfoto: ${shot}; Editor, Dateien und Journal: ${dump}`,
          'Schrittprotokoll:',
          ...log,
          ...(pageErrors.length > 0 ? ['Seitenfehler:', ...pageErrors.map((e) => `  ${e}`)] : []),
        ].join('\n'),
      );
    };

    for (const [i, op] of ops.entries()) {
      const step = i + 1;
      const what = describeOperation(op);
      const t0 = Date.now();
      // A step the test could not carry out (an element gone meanwhile) is logged, not fatal: only lost words are.
      const outcome = await world.run(op, step).catch((e: unknown) => ({
        done: false,
        note: `Testschritt abgebrochen: ${(e instanceof Error ? e.message : String(e)).split('\n')[0] ?? ''}`,
      }));
      if (!outcome.done) skipped++;
      const t1 = Date.now();
      const answered = await world.settle();
      const notes = world.notes.splice(0);
      const t2 = Date.now();
      log.push(
        `${String(step).padStart(4)}  ${what}${outcome.done ? '' : ' – übersprungen'}${outcome.note ? ` [${outcome.note}]` : ''}` +
          `${[...answered, ...notes].map((a) => ` · ${a}`).join('')} → ${await world.status()}`,
      );
      const t3 = Date.now();
      await verify(step, what);
      if (process.env['MODEL_TIMING']) log.push(`        Zeit: Schritt ${t1 - t0} ms, Dialoge ${t2 - t1} ms, Status ${t3 - t2} ms, Prüfung ${Date.now() - t3} ms`);
    }
    // The folder a failing save took away comes back before the last look.
    const healed = await world.healSave();
    if (healed.done) {
      log.push(`   –  Ordner zurück [${healed.note}] → ${await world.status()}`);
      await verify(ops.length, 'Ende: Ordner zurück');
    }
    return { seed, steps, markers: model.size, checks, skipped, ms: Date.now() - started, log };
  } finally {
    await browser.close();
    await kladde.stop();
    await rm(base, { recursive: true, force: true });
  }
}

async function makeDir(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  return dir;
}

function skipFlag(weights: Readonly<Record<OperationKind, number>>): string {
  const off = (Object.keys(weights) as OperationKind[]).filter((k) => weights[k] === 0 && WEIGHTS[k] > 0);
  return off.length > 0 ? ` MODEL_SKIP=${off.join(',')}` : '';
}

/** Where a lost word may have been cut or changed: pieces of it (`wort12`, `12x`) with their surroundings. */
function traces(word: string, snapshot: Snapshot): string[] {
  const digits = /\d+/.exec(word)?.[0] ?? '';
  const pieces = [`wort${digits}`, `${digits}x`];
  const texts: [string, string][] = [
    ...(snapshot.editor === null ? [] : [['Editor', snapshot.editor] as [string, string]]),
    ...[...snapshot.disk.entries()],
    ...[...snapshot.journal.entries()],
  ];
  const out: string[] = [];
  for (const [where, text] of texts) {
    for (const piece of pieces) {
      const re = new RegExp(`(?<![0-9])${piece}(?![0-9])`, 'g');
      for (const m of text.matchAll(re)) {
        const at = m.index;
        out.push(`${where}: …${JSON.stringify(text.slice(Math.max(0, at - 40), at + piece.length + 40))}…`);
        if (out.length >= 6) return out;
      }
    }
  }
  return out;
}
