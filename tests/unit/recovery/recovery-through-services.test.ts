import { describe, expect, it } from 'vitest';
import { useTestServices } from '../../support/services.js';

/**
 * The journal as the renderer reaches it, through the composed services: the sequences the model-based test found
 * leaving stale entries, which a later „Wiederherstellen“ would have written over newer text.
 */
describe('recovery journal through the services', () => {
  const t = useTestServices('recovery-services');
  const { call } = t;

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
