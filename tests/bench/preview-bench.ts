import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { launchChromium } from '../support/browser.js';
import { startKladde } from '../e2e/support/kladde.js';
import { germanPost } from './corpus.js';
import { traceKeystrokes } from './keystroke-trace.js';
import { formatMs, median, percentile } from './stats.js';

interface PreviewFigures {
  label: string;
  keystrokeMedian: number;
  keystrokeP95: number;
  /** The preview's own work per keystroke (IncrementalPreview.update), p95. */
  updateP95: number;
  /** Keydown until the frame after it has been produced (editor painted), with the wait for that frame. */
  paintMedian: number;
  paintP95: number;
  /** The main thread's busy time from keydown until that frame is painted (traced): the keystroke's work. */
  workMedian: number;
  workP95: number;
  /** Of that, the main thread's CPU time (KeystrokeWork.cpu), p95. */
  cpuP95: number;
  workSamples: number;
  /** The same work typed at the very end of the post, where the whole text lies above the cursor (1 MB only). */
  endWorkMedian?: number;
  endWorkP95?: number;
  /** Whether the spell checker was on and had underlined the post's misspellings. */
  spell: string;
  fullRender: number;
  samples: number;
}

/** Keystroke-to-preview latency in Chromium against the real renderer and web host. */
export async function benchPreview(): Promise<PreviewFigures[]> {
  const kladde = await startKladde();
  const browser = await launchChromium();
  const figures: PreviewFigures[] = [];
  try {
    const sizes: [string, string, number][] = [
      ['10 KB', 'zehn-kb', 10 * 1024],
      ['1 MB', 'ein-mb', 1024 * 1024],
    ];
    for (const [, slug, bytes] of sizes) {
      await mkdir(path.join(kladde.library, slug));
      await writeFile(path.join(kladde.library, slug, 'index.md'), germanPost(`Benchmark ${slug}`, slug, bytes));
    }
    const page = await browser.context.newPage();
    await page.goto(kladde.url);
    await page.locator('.cm-content').waitFor();
    for (const [label, slug, bytes] of sizes) {
      await page.locator(`[data-post-id="${slug}"]`).click();
      await page.waitForFunction((s) => document.querySelector('.title-input') instanceof HTMLInputElement && (document.querySelector('.title-input') as HTMLInputElement).value === `Benchmark ${s}`, slug);
      await page.waitForTimeout(500);

      // Full render: hide and show the preview, which renders the whole post from scratch (what fits in a frame
      // at once, the rest when idle: measured until the last block is rendered).
      const fullRuns: number[] = [];
      for (let r = 0; r < 3; r++) {
        await page.getByTestId('toggle-preview').click();
        await page.waitForTimeout(100);
        const t = await page.evaluate(async () => {
          performance.clearMarks('kladde-preview-patched');
          performance.clearMarks('kladde-preview-complete');
          const button = document.querySelector<HTMLButtonElement>('[data-testid="toggle-preview"]');
          const start = performance.now();
          button?.click();
          for (let i = 0; i < 6000 && performance.getEntriesByName('kladde-preview-patched').length === 0; i++) {
            await new Promise((res) => setTimeout(res, 5));
          }
          for (let i = 0; i < 6000 && document.querySelector('.k-article .k-pending'); i++) {
            await new Promise((res) => setTimeout(res, 5));
          }
          const complete = performance.getEntriesByName('kladde-preview-complete')[0];
          const mark = complete ?? performance.getEntriesByName('kladde-preview-patched')[0];
          return mark ? mark.startTime - start : Number.NaN;
        });
        fullRuns.push(t);
      }

      // Spell checking is on (the default) and has checked the post: its planted misspelling is underlined.
      const underlined = await page
        .waitForFunction(() => document.querySelectorAll('.cm-misspelled').length > 0, undefined, { timeout: 30_000 })
        .then(() => true, () => false);
      const spell = underlined ? 'an (Unterstreichungen sichtbar)' : 'an, aber nichts unterstrichen';

      // Typing in the middle of the post: time from keydown to the patched preview.
      await page.evaluate(() => {
        const w = window as unknown as { __keys: number[]; __paints: number[] };
        if (!w.__keys) {
          document.addEventListener(
            'keydown',
            () => {
              const t0 = performance.now();
              w.__keys.push(t0);
              // After the next frame: a message posted from requestAnimationFrame arrives once that frame is done.
              requestAnimationFrame(() => {
                const channel = new MessageChannel();
                channel.port1.onmessage = () => w.__paints.push(performance.now() - t0);
                channel.port2.postMessage(0);
              });
            },
            { capture: true },
          );
        }
        w.__keys = [];
        w.__paints = [];
        performance.clearMarks('kladde-preview-patched');
        performance.clearMeasures('kladde-preview-update');
      });
      const line = page.locator('.cm-line', { hasText: 'Absatz' }).first();
      await line.click();
      await page.keyboard.press('End');
      await page.keyboard.type(' Schöne Grüße aus der Kladde, wir tippen weiter und weiter.', { delay: 40 });
      await page.waitForTimeout(300);
      const latencies = await page.evaluate(() => {
        const keys = (window as unknown as { __keys: number[] }).__keys;
        const marks = performance.getEntriesByName('kladde-preview-patched').map((m) => m.startTime);
        return keys.map((k) => {
          const m = marks.find((t) => t >= k);
          return m === undefined ? Number.NaN : m - k;
        });
      });
      const valid = latencies.filter((x) => Number.isFinite(x));
      const own = await page.evaluate(() => performance.getEntriesByName('kladde-preview-update').map((e) => e.duration));
      const paints = await page.evaluate(() => (window as unknown as { __paints: number[] }).__paints);
      // Typing on, traced: the main thread's work per keystroke until the editor is painted.
      const traced = await traceKeystrokes(browser.context, page, ' Und noch ein Satz, damit die Messung genug Tasten hat.', 40);
      const works = traced.map((k) => k.work);
      // At the end of a long post: whatever is parsed or measured from the top has the most to do there.
      let endWorks: number[] = [];
      if (bytes >= 1024 * 1024) {
        await page.keyboard.press('Control+End');
        await page.keyboard.type(' Warmlaufen am Ende.', { delay: 40 });
        await page.waitForTimeout(300);
        endWorks = (await traceKeystrokes(browser.context, page, ' Und am Ende noch ein Satz, damit die Messung genug Tasten hat.', 40)).map((k) => k.work);
      }
      figures.push({
        label,
        keystrokeMedian: median(valid),
        keystrokeP95: percentile(valid, 95),
        updateP95: percentile(own, 95),
        paintMedian: median(paints),
        paintP95: percentile(paints, 95),
        workMedian: median(works),
        workP95: percentile(works, 95),
        cpuP95: percentile(traced.map((k) => k.cpu), 95),
        workSamples: works.length,
        ...(endWorks.length > 0 ? { endWorkMedian: median(endWorks), endWorkP95: percentile(endWorks, 95) } : {}),
        spell,
        fullRender: median(fullRuns),
        samples: valid.length,
      });
      // Leave the post as it was on disk for the next size.
      for (let z = 0; z < (bytes >= 1024 * 1024 ? 4 : 2); z++) await page.keyboard.press('Control+z');
    }
  } finally {
    await browser.close();
    await kladde.stop();
  }
  return figures;
}

const TARGET_MS = 16;
const verdict = (ms: number) => (ms <= TARGET_MS ? 'erfüllt' : 'verfehlt');

export function previewLines(figures: PreviewFigures[]): string[] {
  return figures.map((f) => {
    // Issue 8 sets a target for the editor's paint at 1 MB (with spell checking on); at 10 KB it is shown only.
    // It is judged on the keystroke's work until the frame is painted: headless Chromium always waits for the
    // display's next 60 Hz refresh (up to 16.7 ms) before drawing, a wait no code can shorten.
    const paintTarget = f.label === '1 MB' ? ` (Ziel p95 ≤ ${TARGET_MS} ms: ${verdict(f.workP95)})` : '';
    return (
      `Vorschau ${f.label}: Tastendruck→Vorschau Median ${formatMs(f.keystrokeMedian)}, p95 ${formatMs(f.keystrokeP95)} (Ziel p95 ≤ ${TARGET_MS} ms: ${verdict(f.keystrokeP95)}; ${f.samples} Tasten)` +
      ` · Tastendruck→Editor gezeichnet, Arbeit des Hauptthreads Median ${formatMs(f.workMedian)}, p95 ${formatMs(f.workP95)}${paintTarget}; ${f.workSamples} Tasten, mit Tracing gemessen; davon gerechnet (CPU-Zeit) p95 ${formatMs(f.cpuP95)}` +
      (f.endWorkP95 !== undefined && f.endWorkMedian !== undefined
        ? ` · am Ende des Beitrags getippt: Median ${formatMs(f.endWorkMedian)}, p95 ${formatMs(f.endWorkP95)} (${verdict(f.endWorkP95)})`
        : '') +
      ` · mit Warten auf den Bildschirmtakt Median ${formatMs(f.paintMedian)}, p95 ${formatMs(f.paintP95)}` +
      ` · davon Vorschau selbst p95 ${formatMs(f.updateP95)} · Rechtschreibprüfung ${f.spell} · ganze Vorschau neu: ${formatMs(f.fullRender)}`
    );
  });
}
