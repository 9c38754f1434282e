import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportJob } from '../../../electron/common/model/import.js';
import { Services } from '../../../electron/main/services.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/import');

let dir: string;
let services: Services;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kladde-import-services-'));
  services = new Services({ configDir: path.join(dir, 'config'), libraryPath: path.join(dir, 'Bibliothek'), transport: 'web', version: '0.0.0-test', systemLanguage: 'de-DE' });
  await services.start();
}, 60_000);
afterAll(async () => {
  await services.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('the composed services', () => {
  it('import an export by its path without IPC (the command line’s way), and the library lists the posts', async () => {
    const seen: ImportJob[] = [];
    const job = await services.imports.run(
      { kind: 'wxr-path', path: path.join(FIXTURES, 'wxr-wordpress-6.1-export.xml'), blogId: null, downloadImages: false, includePages: false, overwriteLocal: [] },
      (j) => seen.push(j),
    );
    expect(job).toMatchObject({ state: 'done', done: 3, total: 3, message: null });
    expect(seen.at(-1)?.state).toBe('done');
    const listed = await services.handlers().listPosts();
    expect(listed.map((p) => p.id)).toEqual(expect.arrayContaining(['am-see', 'hallo-welt', 'bloecke-mehr']));
  });

  it('a cancelled run leaves the library as it was', async () => {
    const before = (await services.handlers().listPosts()).length;
    const controller = new AbortController();
    controller.abort();
    const job = await services.imports.run(
      { kind: 'wxr-path', path: path.join(FIXTURES, 'wxr-handwritten-1.2.xml'), blogId: null, downloadImages: false, includePages: false, overwriteLocal: [] },
      undefined,
      controller.signal,
    );
    expect(job.state).toBe('cancelled');
    expect((await services.handlers().listPosts()).length).toBe(before);
  });

  it('a blog that is not set up is a clear failure of the job', async () => {
    const job = await services.imports.run({ kind: 'blog', blogId: 'gibt-es-nicht', remoteIds: null, includePages: false, overwriteLocal: [] });
    expect(job).toMatchObject({ state: 'failed', message: 'Blog „gibt-es-nicht“ ist nicht eingerichtet' });
  });
});
