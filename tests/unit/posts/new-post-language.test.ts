import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFrontMatter } from '../../../electron/common/markdown/front-matter.js';
import type { OpenedPost } from '../../../electron/common/model/post.js';
import type { Result } from '../../../electron/common/result.js';
import { createDispatcher, type Dispatch } from '../../../electron/main/ipc/dispatch.js';
import { Services } from '../../../electron/main/services.js';

/** The composed services: a new post's `lang:` follows the `defaultLanguage` setting, as the renderer reaches it. */
describe('language of a new post', () => {
  let dir: string;
  let services: Services;
  let dispatch: Dispatch;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'kladde-new-lang-'));
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

  function value<T>(result: Result<T>): T {
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value;
  }
  const langOf = (post: OpenedPost) => {
    const parsed = parseFrontMatter(post.text);
    return parsed.ok ? parsed.fields.lang : null;
  };

  it('is German by default and follows the setting after a change', async () => {
    const first = value(await dispatch('createPost', [{ title: 'Erster' }])) as OpenedPost;
    expect(langOf(first)).toBe('de');
    value(await dispatch('setSettings', [{ defaultLanguage: 'en' }]));
    const second = value(await dispatch('createPost', [{ title: 'Second' }])) as OpenedPost;
    expect(langOf(second)).toBe('en');
    value(await dispatch('setSettings', [{ defaultLanguage: 'de-CH' }]));
    const third = value(await dispatch('createPost', [{ title: 'Grüezi' }])) as OpenedPost;
    expect(langOf(third)).toBe('de-CH');
  });
});
