import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../../electron/common/result.js';
import { createDispatcher, type Dispatch } from '../../../electron/main/ipc/dispatch.js';
import { Services } from '../../../electron/main/services.js';

/**
 * The journal as the renderer reaches it, through the composed services: the sequences the model-based test found
 * leaving stale entries, which a later „Wiederherstellen“ would have written over newer text.
 */
describe('recovery journal through the services', () => {
  let dir: string;
  let services: Services;
  let dispatch: Dispatch;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'kladde-recovery-services-'));
    services = new Services({
      configDir: path.join(dir, 'config'),
      libraryPath: path.join(dir, 'Bibliothek'),
      transport: 'web',
      version: '0.0.0-test',
      systemLanguage: 'de-DE',
    });
    await services.start();
    dispatch = createDispatcher(services.handlers());
  }, 60_000);
  afterAll(async () => {
    await services.stop();
    await rm(dir, { recursive: true, force: true });
  });

  async function call<T>(channel: string, ...args: unknown[]): Promise<T> {
    const result = (await dispatch(channel, args)) as Result<T>;
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value;
  }

  it('a save removes an entry taken halfway through a word, so it can never come back over the saved text', async () => {
    const post = await call<{ id: string; text: string; version: string }>('createPost', { title: 'Halbes Wort' });
    await call('writeRecovery', post.id, { text: `${post.text}Ein Wo`, baseVersion: post.version });
    await call('savePost', post.id, { text: `${post.text}Ein Wort.`, baseVersion: post.version, force: false });
    expect(await call('listRecovery')).toEqual([]);
  });

  it('a rename leaves nothing under the old id, and a late write for it does not bring the post back', async () => {
    const post = await call<{ id: string; text: string; version: string }>('createPost', { title: 'Alter Name' });
    await call('writeRecovery', post.id, { text: `${post.text}Getippt.`, baseVersion: post.version });
    const saved = await call<{ version: string }>('savePost', post.id, { text: `${post.text}Getippt.`, baseVersion: post.version, force: false });
    const renamed = await call<{ id: string }>('renamePost', post.id, 'neuer-name');
    await call('writeRecovery', post.id, { text: `${post.text}Getippt. Noch mehr.`, baseVersion: saved.version });
    expect(renamed.id).toBe('neuer-name');
    expect(await call('listRecovery')).toEqual([]);
  });
});
