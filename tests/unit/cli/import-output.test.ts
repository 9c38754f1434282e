import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportItemResult, ImportJob } from '../../../electron/common/model/import.js';
import { servicesImportRunner, type CliImportRequest, type ImportRunner } from '../../../electron/cli/import-runner.js';
import type { CliIo } from '../../../electron/cli/io.js';
import { runCli } from '../../../electron/cli/run.js';

// Only the output of `kladde import` is tested here, with a hand-written runner standing in for the import
// service (another branch builds it); the command line around it — arguments, files, exit codes — is real.

let base: string;
let exportFile: string;

beforeAll(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'kladde-cli-import-'));
  exportFile = path.join(base, 'export.xml');
  await writeFile(exportFile, '<?xml version="1.0"?><rss version="2.0"></rss>\n');
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

interface Captured extends CliIo {
  stdout: string;
  stderr: string;
  interrupt(): void;
}

function captureIo(): Captured {
  const handlers = new Set<() => void>();
  const io: Captured = {
    stdout: '',
    stderr: '',
    out: (text) => void (io.stdout += text),
    err: (text) => void (io.stderr += text),
    env: {},
    cwd: base,
    readSecret: () => Promise.resolve(''),
    onInterrupt: (handler) => {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    quit: (code) => {
      throw new Error(`quit ${code}`);
    },
    interrupt: () => handlers.forEach((h) => h()),
  };
  return io;
}

const item = (remoteId: string, title: string, outcome: ImportItemResult['outcome'], extra: Partial<ImportItemResult> = {}): ImportItemResult => ({
  remoteId,
  title,
  postId: outcome === 'failed' || outcome === 'local-changes' ? null : title.toLowerCase().replace(/\W+/g, '-'),
  outcome,
  message: null,
  imagesMissing: 0,
  ...extra,
});

const ITEMS = [
  item('11', 'Hallo Welt', 'created'),
  item('12', 'Kaffee', 'updated', { imagesMissing: 2 }),
  item('13', 'Alt', 'unchanged'),
  item('14', 'Lokal', 'local-changes', { postId: 'lokal' }),
  item('15', 'Kaputt', 'failed', { message: 'Der Beitrag ließ sich nicht lesen.' }),
];

/** Reports the items one by one, then done; or, when aborted after the first, cancelled. */
function fakeRunner(seen: CliImportRequest[], options: { waitForAbort?: boolean } = {}): ImportRunner {
  return {
    async run(request, onProgress, signal) {
      seen.push(request);
      const job: ImportJob = { jobId: 'job-1', state: 'running', done: 0, total: ITEMS.length, current: null, results: [], message: null };
      for (const result of ITEMS) {
        job.results = [...job.results, result];
        job.done++;
        onProgress({ ...job });
        if (options.waitForAbort) {
          await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
          return { ...job, state: 'cancelled' };
        }
      }
      return { ...job, state: 'done' };
    },
    close: () => Promise.resolve(),
  };
}

describe('kladde import output', () => {
  it('prints a line per post as it comes, hints where something is left to do, and the counts', async () => {
    const io = captureIo();
    const seen: CliImportRequest[] = [];
    const library = path.join(base, 'bibliothek');
    const code = await runCli(['import', 'export.xml', '--library', library, '--config', path.join(base, 'config'), '--no-images', '--pages'], io, {
      importRunner: () => Promise.resolve(fakeRunner(seen)),
    });
    expect(seen).toEqual([{ kind: 'wxr', file: exportFile, blogId: null, includePages: true, downloadImages: false, overwriteLocal: [] }]);
    expect(io.stdout.split('\n')).toEqual([
      '[1/5] neu: Hallo Welt → hallo-welt/',
      '[2/5] aktualisiert: Kaffee → kaffee/',
      '  2 Bilder nicht geladen, sie zeigen weiter auf den Blog.',
      '[3/5] unverändert: Alt → alt/',
      '[4/5] übersprungen, lokal geändert: Lokal → lokal/',
      '  Mit --overwrite-local 14 überschreiben.',
      '[5/5] fehlgeschlagen: Kaputt',
      '  Der Beitrag ließ sich nicht lesen.',
      'Fertig: 1 neu, 1 aktualisiert, 1 unverändert, 1 übersprungen, 1 fehlgeschlagen.',
      '',
    ]);
    expect(io.stderr).toBe(`Lese ${exportFile} nach ${library} …\n`);
    // Some posts did not come in: problems, exit code 1.
    expect(code).toBe(1);
  });

  it('gives the finished job as one JSON document with --json', async () => {
    const io = captureIo();
    const code = await runCli(['import', exportFile, '--library', path.join(base, 'b2'), '--config', path.join(base, 'config'), '--json'], io, {
      importRunner: () => Promise.resolve(fakeRunner([])),
    });
    expect(code).toBe(1);
    expect(io.stderr).toBe('');
    const doc = JSON.parse(io.stdout) as { ok: boolean; job: ImportJob };
    expect(doc.ok).toBe(false);
    expect(doc.job.state).toBe('done');
    expect(doc.job.results).toHaveLength(5);
  });

  it('cancels cleanly on Ctrl+C: the runner is told, what came in is reported, exit code 3', async () => {
    const io = captureIo();
    const running = runCli(['import', exportFile, '--library', path.join(base, 'b3'), '--config', path.join(base, 'config'), '--lang', 'en'], io, {
      importRunner: () => Promise.resolve(fakeRunner([], { waitForAbort: true })),
    });
    while (!io.stdout.includes('[1/5]')) await new Promise((r) => setTimeout(r, 5));
    io.interrupt();
    expect(await running).toBe(3);
    expect(io.stdout).toBe('[1/5] new: Hallo Welt → hallo-welt/\nCancelled after 1 post; what was fetched stays in the library.\n');
    expect(io.stderr).toContain('Cancelling … (Ctrl+C again quits at once)');
  });

  it('runs on the app’s Services container, started on the library given, and stops it afterwards', async () => {
    const io = captureIo();
    const library = path.join(base, 'b5');
    const roots: string[] = [];
    let stopped = false;
    const code = await runCli(['import', exportFile, '--library', library, '--config', path.join(base, 'config')], io, {
      importRunner: async (setup) => {
        const runner = await servicesImportRunner(setup, async (services, request) => {
          roots.push(services.posts.root);
          // A post written the way the import service will write one: through the real post store.
          const created = await services.posts.create('Aus dem Export');
          expect(request.kind).toBe('wxr');
          return { jobId: 'job-2', state: 'done', done: 1, total: 1, current: null, message: null, results: [item('21', 'Aus dem Export', 'created', { postId: created.id })] };
        });
        return { ...runner, close: () => runner.close().then(() => void (stopped = true)) };
      },
    });
    expect(code).toBe(0);
    expect(roots).toEqual([library]);
    expect(stopped).toBe(true);
    expect(io.stdout).toContain('[1/1] neu: Aus dem Export → aus-dem-export/');
    expect(io.stdout).toContain('Fertig: 1 neu, 0 aktualisiert, 0 unverändert, 0 übersprungen, 0 fehlgeschlagen.');
  });

  it('asks which posts of a blog to fetch (--all or --post), exit code 2', async () => {
    const io = captureIo();
    const code = await runCli(['import', 'mein-blog', '--library', path.join(base, 'b4'), '--config', path.join(base, 'config')], io, {
      importRunner: () => Promise.resolve(fakeRunner([])),
    });
    expect(code).toBe(2);
    expect(io.stderr).toContain('Welche Beiträge? --all für alle oder --post ID (mehrfach) für einzelne.');
  });
});
