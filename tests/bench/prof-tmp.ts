import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { launchChromium } from '../support/browser.js';
import { startKladde } from '../e2e/support/kladde.js';
import { germanPost } from './corpus.js';

const kladde = await startKladde();
const browser = await launchChromium();
await mkdir(path.join(kladde.library, 'ein-mb'));
await writeFile(path.join(kladde.library, 'ein-mb', 'index.md'), germanPost('Benchmark ein-mb', 'ein-mb', Number(process.env['SIZE'] ?? 1048576)));
const page = await browser.context.newPage();
await page.goto(kladde.url);
await page.locator('.cm-content').waitFor();
await page.locator('[data-post-id="ein-mb"]').click();
await page.waitForTimeout(3000);
await page.waitForFunction(() => document.querySelectorAll('.cm-misspelled').length > 0, undefined, { timeout: 30_000 });
await page.waitForFunction(() => !document.querySelector('.k-article .k-pending'), undefined, { timeout: 60_000 });
await page.waitForTimeout(1000);
const line = page.locator('.cm-line', { hasText: 'Absatz' }).first();
await line.click();
await page.keyboard.press('End');
const cdp = await browser.context.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReturnAsStream' });
await cdp.send('Profiler.start');
await page.keyboard.type(' Schöne Grüße aus der Kladde, wir tippen weiter und weiter.', { delay: 40 });
await page.waitForTimeout(500);
const { profile } = await cdp.send('Profiler.stop');
// aggregate self time per function
type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] };
const nodes = profile.nodes as Node[];
const byId = new Map(nodes.map((n) => [n.id, n]));
const self = new Map<string, number>();
const counts = new Map<number, number>();
for (const s of profile.samples ?? []) counts.set(s, (counts.get(s) ?? 0) + 1);
const dt = (profile.endTime - profile.startTime) / (profile.samples?.length ?? 1) / 1000;
for (const [id, c] of counts) {
  const n = byId.get(id)!;
  const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
  self.set(key, (self.get(key) ?? 0) + c * dt);
}

// inclusive time per function
const parent = new Map<number, number>();
for (const n of nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const incl = new Map<string, number>();
for (const [id, c] of counts) {
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const n = byId.get(cur)!;
    const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
    if (seen.has(key)) continue; seen.add(key);
    incl.set(key, (incl.get(key) ?? 0) + c * dt);
  }
}
// subtree printer: children of nodes named by env TREE
const inclNode = new Map<number, number>();
const addUp = (id: number): number => { const n = byId.get(id)!; let t = (counts.get(id) ?? 0) * dt; for (const c of n.children ?? []) t += addUp(c); inclNode.set(id, t); return t; };
addUp(nodes[0]!.id);
const label = (n: Node) => `${n.callFrame.functionName || '(anon)'}:${n.callFrame.lineNumber}`;
const print = (id: number, depth: number, max: number) => { const n = byId.get(id)!; const t = inclNode.get(id)!; if (t < 3) return; console.log(`${'  '.repeat(depth)}${t.toFixed(1)} ${label(n)}`); if (depth < max) for (const c of [...(n.children ?? [])].sort((a, b) => inclNode.get(b)! - inclNode.get(a)!)) print(c, depth + 1, max); };
for (const n of nodes) if (label(n).startsWith(process.env['TREE'] ?? 'dispatch:')) print(n.id, 0, 14);
console.log('INCLUSIVE');
console.log([...incl.entries()].sort((a, b) => b[1] - a[1]).slice(0, 60).map(([k, v]) => `${v.toFixed(1)}ms ${k}`).join('\n'));
console.log('SELF');
console.log([...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40).map(([k, v]) => `${v.toFixed(1)}ms ${k}`).join('\n'));
// trace
const chunks: string[] = [];
const done = new Promise<string>((res) => cdp.on('Tracing.tracingComplete', (e) => res(e.stream as string)));
await cdp.send('Tracing.end');
const handle = await done;
for (;;) { const r = await cdp.send('IO.read', { handle }); chunks.push(r.data); if (r.eof) break; }
const trace = JSON.parse(chunks.join('')) as { traceEvents: { name: string; dur?: number; ph: string; ts: number; args?: unknown }[] };
const agg = new Map<string, { n: number; total: number; max: number }>();
for (const e of trace.traceEvents) {
  if (e.ph !== 'X' || !e.dur) continue;
  const a = agg.get(e.name) ?? { n: 0, total: 0, max: 0 };
  a.n++; a.total += e.dur / 1000; a.max = Math.max(a.max, e.dur / 1000); agg.set(e.name, a);
}
console.log([...agg.entries()].sort((a, b) => b[1].total - a[1].total).slice(0, 25).map(([k, v]) => `${k}: n=${v.n} total=${v.total.toFixed(1)} max=${v.max.toFixed(1)}`).join('\n'));
await browser.close();
await kladde.stop();
