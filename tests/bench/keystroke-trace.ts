import type { BrowserContext, Page } from 'playwright-core';

/** One keystroke as the renderer's main thread lived it. */
export interface KeystrokeWork {
  /** Keydown until the frame showing the character is drawn, including the wait for that frame (ms). */
  latency: number;
  /** The main thread's busy time in that span (ms): the work the keystroke caused, without idle waiting. */
  work: number;
  /**
   * The CPU time the main thread got in that span (ms; NaN where the trace has no thread times). Less than `work`
   * when the thread, though busy, waited: for a free core (two cores here, shared with Chromium's other threads and
   * processes), for a helper thread, for a page fault. What the keystroke itself had to compute.
   */
  cpu: number;
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread time (µs): how long the thread ran on a core during `dur`. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { type?: string } };
}

/**
 * Types `text` into the page with Chromium's tracing on and reads, per keystroke, how long the main thread was busy
 * from the keydown until the frame after the text changed was painted. Headless Chromium always waits for the
 * display's next 60 Hz refresh before it draws (it cannot be told otherwise): that wait, up to 16.7 ms, is no
 * work of the app's, so the busy time is what a frame budget is judged on. Tracing adds its own overhead, so the
 * figures err on the slow side.
 */
export async function traceKeystrokes(
  context: BrowserContext,
  page: Page,
  text: string,
  delay: number,
  /** What else happens while typing (e.g. saving between sentences); default: just the typing. */
  typing: () => Promise<void> = () => page.keyboard.type(text, { delay }),
): Promise<KeystrokeWork[]> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Tracing.start', { categories: 'toplevel,devtools.timeline', transferMode: 'ReturnAsStream' });
  await typing();
  await page.waitForTimeout(300);
  const complete = new Promise<string>((resolve) => cdp.once('Tracing.tracingComplete', (e) => resolve(String(e.stream))));
  await cdp.send('Tracing.end');
  const handle = await complete;
  const chunks: string[] = [];
  for (;;) {
    const read = await cdp.send('IO.read', { handle });
    chunks.push(read.data);
    if (read.eof) break;
  }
  await cdp.send('IO.close', { handle });
  await cdp.detach();
  return keystrokesOf((JSON.parse(chunks.join('')) as { traceEvents: TraceEvent[] }).traceEvents);
}

function keystrokesOf(events: TraceEvent[]): KeystrokeWork[] {
  // The page's main thread: the renderer main thread that dispatched the key events.
  const thread = (e: TraceEvent) => `${e.pid}:${e.tid}`;
  const firstKeydown = events.find((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'keydown');
  const main = firstKeydown ? thread(firstKeydown) : null;
  if (main === null) return [];
  const onMain = events.filter((e) => thread(e) === main && e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts);
  // Chromium names a main-thread task `ThreadControllerImpl::RunTask` (older versions: `RunTask`).
  const tasks = onMain.filter((e) => e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask');
  // Without task events the busy time would read 0 ms: no figure then, rather than a false „erfüllt“.
  if (tasks.length === 0) throw new Error('Die Aufzeichnung enthält keine Aufgaben des Hauptthreads (Kategorie „toplevel“ fehlt?).');
  // The text is in once the key's input events are handled: `input` after Chromium's own insertion, or the
  // `beforeinput` (inside `keypress`) that Kladde's editor handles itself (renderer/editor/direct-typing.ts).
  const inputTypes = new Set(['keypress', 'beforeinput', 'input']);
  const inputs = onMain.filter((e) => e.name === 'EventDispatch' && inputTypes.has(e.args?.data?.type ?? ''));
  const paints = onMain.filter((e) => e.name === 'Paint' || e.name === 'Layerize' || e.name === 'Commit');
  const out: KeystrokeWork[] = [];
  const keydowns = onMain.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'keydown');
  for (const [k, key] of keydowns.entries()) {
    const nextKey = keydowns[k + 1]?.ts ?? Infinity;
    const handled = inputs.filter((e) => e.ts >= key.ts && e.ts < nextKey);
    if (handled.length === 0) continue;
    const inputEnd = Math.max(...handled.map((e) => e.ts + (e.dur ?? 0)));
    // The frame that shows the change: the first paint work that starts after the input was handled.
    const firstPaint = paints.find((e) => e.ts >= inputEnd);
    if (!firstPaint) continue;
    // Its end: the last paint-phase event of that frame (they follow each other within a few milliseconds).
    let end = firstPaint.ts + (firstPaint.dur ?? 0);
    for (const e of paints) {
      if (e.ts < firstPaint.ts || e.ts > end + 1000) continue;
      end = Math.max(end, e.ts + (e.dur ?? 0));
    }
    let busy = 0;
    let cpu = 0;
    // Tasks nest (a task that runs a nested loop): count only the outermost ones.
    let coveredUntil = -Infinity;
    for (const task of tasks) {
      if (task.ts + (task.dur ?? 0) <= coveredUntil) continue;
      coveredUntil = task.ts + (task.dur ?? 0);
      const from = Math.max(task.ts, key.ts);
      const to = Math.min(task.ts + (task.dur ?? 0), end);
      if (to > from) {
        busy += to - from;
        // A task that reaches outside the span counts with its share of thread time.
        cpu += task.tdur === undefined ? NaN : (task.tdur * (to - from)) / (task.dur ?? 1);
      }
    }
    out.push({ latency: (end - key.ts) / 1000, work: busy / 1000, cpu: cpu / 1000 });
  }
  return out;
}
