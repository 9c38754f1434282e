import { launchChromium } from '../support/browser.js';
import { startKladde } from '../e2e/support/kladde.js';
import { tinyPng } from '../unit/images/tiny-images.js';
import { formatMs } from './stats.js';

const SIZE = 50 * 1024 * 1024;

/**
 * Pasting a 50 MB photo in Chromium: time until it is in the text, and the longest the editor's main thread
 * was blocked meanwhile (animation-frame gaps and long tasks).
 */
export async function benchImageImport(): Promise<string[]> {
  const kladde = await startKladde();
  const browser = await launchChromium();
  try {
    const page = await browser.context.newPage();
    await page.goto(kladde.url);
    await page.locator('.cm-content').waitFor();
    await page.waitForTimeout(1000);
    // A real PNG followed by random bytes: the type is judged by the start, the size is what matters here.
    await page.evaluate(`window.__head = ${JSON.stringify([...tinyPng(10, 10)])}`);
    // Written as a string: the function must run in the page exactly as written, without tooling helpers.
    const result = (await page.evaluate(`(async () => {
      const bytes = new Uint8Array(${SIZE});
      for (let o = 0; o < bytes.length; o += 65536) crypto.getRandomValues(bytes.subarray(o, o + 65536));
      bytes.set(window.__head, 0);
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], 'gross.png', { type: 'image/png' }));
      let longest = 0;
      new PerformanceObserver((l) => { for (const e of l.getEntries()) longest = Math.max(longest, e.duration); }).observe({ type: 'longtask' });
      let gap = 0; let last = performance.now(); let running = true;
      const tick = () => { const now = performance.now(); gap = Math.max(gap, now - last); last = now; if (running) requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
      await new Promise((r) => setTimeout(r, 100));
      gap = 0;
      const start = performance.now();
      document.querySelector('.cm-content').dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
      for (let i = 0; i < 600 && !document.querySelector('.cm-content').textContent.includes('gross.png'); i++) await new Promise((r) => setTimeout(r, 20));
      const ms = performance.now() - start;
      await new Promise((r) => setTimeout(r, 500));
      running = false;
      return { ms, gap, longest };
    })()`)) as { ms: number; gap: number; longest: number };
    const blocked = Math.max(result.gap, result.longest);
    return [`Bild mit 50 MB einfügen: ${formatMs(result.ms)} bis es im Text steht; längste Blockade des Editors ${formatMs(blocked)}`];
  } finally {
    await browser.close();
    await kladde.stop();
  }
}
