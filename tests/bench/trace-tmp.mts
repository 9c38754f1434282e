import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { launchChromium } from '../support/browser.js';
import { startKladde } from '../e2e/support/kladde.js';
import { germanPost } from './corpus.js';
const size = Number(process.env['SIZE'] ?? 10240);
const kladde = await startKladde();
const browser = await launchChromium();
await mkdir(path.join(kladde.library, 'p'));
await writeFile(path.join(kladde.library, 'p', 'index.md'), germanPost('Benchmark p', 'p', size));
const page = await browser.context.newPage();
await page.goto(kladde.url);
await page.locator('.cm-content').waitFor();
await page.locator('[data-post-id="p"]').click();
await page.waitForTimeout(2000);
await page.waitForFunction(() => !document.querySelector('.k-article .k-pending'), undefined, { timeout: 60_000 });
await page.waitForFunction(() => document.querySelectorAll('.cm-misspelled').length > 0, undefined, { timeout: 30_000 });
await page.waitForTimeout(1000);
const line = page.locator('.cm-line', { hasText: 'Absatz' }).first();
await line.click();
await page.keyboard.press('End');
await page.keyboard.type(' warm', { delay: 40 });
const cdp = await browser.context.newCDPSession(page);
await cdp.send('Tracing.start', { categories: 'devtools.timeline,blink.user_timing', transferMode: 'ReturnAsStream' });
await page.keyboard.type(' Schöne Grüße', { delay: 60 });
await page.waitForTimeout(300);
const done = new Promise<string>((res) => cdp.on('Tracing.tracingComplete', (e) => res(e.stream as string)));
await cdp.send('Tracing.end');
const handle = await done;
const chunks: string[] = [];
for (;;) { const r = await cdp.send('IO.read', { handle }); chunks.push(r.data); if (r.eof) break; }
type E = { name: string; dur?: number; ph: string; ts: number; pid: number; tid: number; args?: { data?: { type?: string; functionName?: string; url?: string } } };
const ev = (JSON.parse(chunks.join('')) as { traceEvents: E[] }).traceEvents;
const threadNames = new Map<string, string>();
for (const e of ev) if (e.name === 'thread_name') threadNames.set(`${e.pid}:${e.tid}`, (e.args as { name: string }).name);
const main = [...threadNames.entries()].filter(([, n]) => n === 'CrRendererMain').map(([k]) => k);
// the renderer main of our page: the one with most events
const counts = new Map<string, number>();
for (const e of ev) { const k = `${e.pid}:${e.tid}`; if (main.includes(k)) counts.set(k, (counts.get(k) ?? 0) + 1); }
const mk = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
const mine = ev.filter((e) => `${e.pid}:${e.tid}` === mk && e.ph === 'X' && (e.dur ?? 0) > 300).sort((a, b) => a.ts - b.ts);
const t0 = mine[0]!.ts;
for (const e of mine) {
  const d = e.args?.data;
  const what = d?.type ?? d?.functionName ?? (d?.url ? d.url.split('/').pop() : '');
  if (['RunTask', 'EventDispatch', 'FunctionCall', 'TimerFire', 'FireAnimationFrame', 'Layout', 'Paint', 'UpdateLayoutTree', 'PrePaint', 'Commit', 'MinorGC', 'MajorGC', 'FireIdleCallback', 'Layerize', 'HitTest', 'ParseHTML'].includes(e.name) || e.name.startsWith('V8.GC'))
    console.log(`${((e.ts - t0) / 1000).toFixed(1).padStart(7)} ${(e.dur! / 1000).toFixed(2).padStart(6)} ${e.name} ${what}`);
}
await browser.close();
await kladde.stop();
