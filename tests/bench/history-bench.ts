import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { countText } from '../../electron/common/text/counts.js';
import { PostHistory } from '../../electron/main/history/post-history.js';
import { launchChromium } from '../support/browser.js';
import { startKladde, type RunningKladde } from '../e2e/support/kladde.js';
import { germanPost } from './corpus.js';
import { cpuPressureSpan } from './cpu-pressure.js';
import { traceKeystrokes } from './keystroke-trace.js';
import { formatMs, median, percentile } from './stats.js';

const TARGET_MS = 16;
const SLUG = 'verlauf-bench';

interface TypingFigures {
  label: string;
  max: number;
  p95: number;
  median: number;
  /** p95 of keydown until the frame is painted, with the wait for the display refresh. */
  frameP95: number;
  /** The main thread's CPU time per keystroke (see KeystrokeWork.cpu): longest and p95. */
  cpuMax: number;
  cpuP95: number;
  /** Share of the typing in which some task waited for a free core (null: not offered by the kernel). */
  stalled: number | null;
  keys: number;
  saves: number;
  versions: number;
}

/** A history that keeps a version after every save (no three-minute pause): the most writing typing can meet. */
function everySave(kladde: RunningKladde, throttleMs: number): PostHistory {
  const posts = kladde.services.posts;
  return new PostHistory({
    root: posts.root,
    readPost: (id) => posts.peek(id),
    savePost: (id, text, base, force) => posts.save(id, text, base, force),
    countWords: (text) => countText(text).words,
    throttleMs,
  });
}

/**
 * The longest keystroke work in Chromium (main-thread busy time from keydown until that frame is painted) while the post is saved
 * every few keystrokes and each save writes a version — against the same typing with versions switched off.
 */
export async function benchHistory(): Promise<string[]> {
  const kladde = await startKladde();
  const browser = await launchChromium();
  const lines: string[] = [];
  try {
    await mkdir(path.join(kladde.library, SLUG));
    await writeFile(path.join(kladde.library, SLUG, 'index.md'), germanPost('Verlauf Benchmark', SLUG, 200 * 1024));
    const page = await browser.context.newPage();
    await page.goto(kladde.url);
    await page.locator('.cm-content').waitFor();
    await page.locator(`[data-post-id="${SLUG}"]`).click();
    await page.waitForFunction(() => (document.querySelector('.title-input') as HTMLInputElement | null)?.value === 'Verlauf Benchmark');
    await page.waitForTimeout(500);
    const run = async (label: string, throttleMs: number): Promise<TypingFigures> => {
      const history = everySave(kladde, throttleMs);
      kladde.services.history = history;
      const before = (await history.list(SLUG)).length;
      await page.locator('.cm-line', { hasText: 'Absatz' }).first().click();
      await page.keyboard.press('End');
      let saves = 0;
      const sentence = ' Wir tippen weiter, und jede Speicherung legt eine Version an.';
      // Traced: per keystroke the main thread's work until the frame is painted (see keystroke-trace.ts); the
      // saves, and with them the versions written in main, fall between and during the typing.
      const pressure = cpuPressureSpan();
      const traced = await traceKeystrokes(browser.context, page, sentence, 35, async () => {
        for (let round = 0; round < 8; round++) {
          await page.keyboard.type(sentence, { delay: 35 });
          await page.keyboard.press('Control+s');
          saves++;
        }
      });
      const stalled = pressure();
      await page.waitForTimeout(1500);
      await history.settled();
      const works = traced.map((k) => k.work);
      const waits = traced.map((k) => k.latency);
      const cpus = traced.map((k) => k.cpu);
      return {
        label,
        max: Math.max(...works),
        p95: percentile(works, 95),
        median: median(works),
        frameP95: percentile(waits, 95),
        cpuMax: Math.max(...cpus),
        cpuP95: percentile(cpus, 95),
        stalled,
        keys: works.length,
        saves,
        versions: (await history.list(SLUG)).length - before,
      };
    };

    const without = await run('ohne Versionen', 1_000_000_000);
    const withVersions = await run('mit einer Version je Speicherung', 0);
    for (const f of [without, withVersions]) {
      lines.push(
        `Verlauf, Tippen in 200 KB (${f.label}): längste Arbeit des Hauptthreads je Tastendruck bis zum Bild ${formatMs(f.max)}` +
          ` (Ziel ≤ ${TARGET_MS} ms: ${f.max <= TARGET_MS ? 'erfüllt' : 'verfehlt'}), p95 ${formatMs(f.p95)}, Median ${formatMs(f.median)}` +
          ` · davon gerechnet (CPU-Zeit des Hauptthreads, ohne Warten auf einen freien Kern) längste ${formatMs(f.cpuMax)}, p95 ${formatMs(f.cpuP95)}` +
          (f.stalled === null ? '' : ` · ein Faden wartete auf einen freien Kern in ${(f.stalled * 100).toFixed(0)} % der Zeit`) +
          ` · mit Warten auf den Bildschirmtakt p95 ${formatMs(f.frameP95)}` +
          ` · ${f.keys} Tasten, ${f.saves} Speicherungen, ${f.versions} Versionen geschrieben`,
      );
    }

    // The writing itself, in main: hashing, counting and gzip (in the thread pool) plus the atomic write.
    const history = everySave(kladde, 0);
    for (const [label, bytes] of [['10 KB', 10 * 1024], ['1 MB', 1024 * 1024]] as const) {
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const text = germanPost(`Version ${i}`, SLUG, bytes) + `\n${i}\n`;
        const start = performance.now();
        await history.snapshot(SLUG, text, 'publish');
        times.push(performance.now() - start);
      }
      lines.push(`Verlauf, eine Version schreiben (${label}, gzip, atomar): Median ${formatMs(median(times))}, max ${formatMs(Math.max(...times))}`);
    }
  } finally {
    await browser.close();
    await kladde.stop();
  }
  return lines;
}
