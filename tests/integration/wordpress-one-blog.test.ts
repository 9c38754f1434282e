import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddedBlog, BlogView } from '../../electron/common/model/blog.js';
import type { AppError, Result } from '../../electron/common/result.js';
import { createDispatcher } from '../../electron/main/ipc/dispatch.js';
import { translator } from '../../renderer/i18n/i18n.js';
import { addBlogErrorText } from '../../renderer/lib/error-texts.js';
import { startKladde, type Kladde } from '../support/kladde.js';
import { startWordPress, type WordPressServer } from '../support/wordpress/index.js';

/**
 * One blog, one entry, against a real WordPress 6.1: the same blog added again — by the same address, by a
 * typo'd path, over XML-RPC — is refused with the name of its entry; an address that is none is refused before
 * anything is sent; an unreachable one speaks of the blog, not of the outbox.
 */

const root = await mkdtemp(path.join(os.tmpdir(), 'kladde-wp-one-blog-'));
let wp: WordPressServer;
let kladde: Kladde;

beforeAll(async () => {
  wp = await startWordPress();
  kladde = await startKladde({ configDir: path.join(root, 'config'), libraryDir: path.join(root, 'bibliothek') });
});

afterAll(async () => {
  await kladde?.services.stop();
  await wp?.stop();
  await rm(root, { recursive: true, force: true });
});

/** Adds a blog through the IPC dispatcher; the error comes back as the renderer gets it (with its params). */
async function add(url: string, kind?: string): Promise<Result<AddedBlog>> {
  const dispatch = createDispatcher(kladde.services.handlers());
  return (await dispatch('addBlog', [kind ? { url, kind } : { url }])) as Result<AddedBlog>;
}

function refusal(result: Result<AddedBlog>): AppError {
  if (result.ok) throw new Error(`added a second entry: ${result.value.id} (${result.value.url})`);
  return result.error;
}

describe('one blog, one entry', () => {
  let first: AddedBlog;

  it('adds the blog once', async () => {
    const result = await add(wp.baseUrl);
    if (!result.ok) throw new Error(result.error.message);
    first = result.value;
    expect(first.name).not.toBe('');
  });

  for (const [name, url, kind] of [
    ['the same address again', () => wp.baseUrl, undefined],
    ['the same address with a trailing slash and another case', () => `${wp.baseUrl.replace('http://', 'HTTP://')}/`, undefined],
    ['a typo in the path that leads to the same blog', () => `${wp.baseUrl}/blogg/`, undefined],
    ['the same blog over XML-RPC', () => wp.baseUrl, 'wordpress-xmlrpc'],
    ['the same blog over XML-RPC by a typo’d path', () => `${wp.baseUrl}/blogg/`, 'wordpress-xmlrpc'],
  ] as const) {
    it(`refuses ${name}, naming the entry`, async () => {
      const error = refusal(await add(url(), kind));
      expect(error.code).toBe('already-exists');
      expect(error.message).toBe(`Dieser Blog ist schon eingerichtet als „${first.name}“. Ihn in der Liste auswählen, statt ihn noch einmal hinzuzufügen.`);
      expect(error.params?.['blogId']).toBe(first.id);
      expect(addBlogErrorText(translator('en'), error)).toBe(`This blog is already set up as “${first.name}”. Select it in the list instead of adding it again.`);
    });
  }

  it('refuses an address that is none before anything is sent', async () => {
    const before = kladde.requests.length;
    const error = refusal(await add(wp.baseUrl.replace('http://', 'htp://')));
    expect([error.code, error.params?.['cause']]).toEqual(['invalid-input', 'address']);
    expect(error.message).toMatch(/ist keine Blog-Adresse\. Bitte mit http:\/\/ oder https:\/\/ eingeben/);
    expect(kladde.requests.length).toBe(before);
  });

  it('says an unreachable blog is unreachable, not that a post waits', async () => {
    await wp.stopWebServer();
    try {
      const error = refusal(await add(`${wp.baseUrl}/anderer-blog/`));
      expect(error.message).toBe(`Der Blog unter ${wp.baseUrl}/anderer-blog/ ist nicht erreichbar. Adresse prüfen oder später noch einmal versuchen.`);
      expect(error.message).not.toMatch(/Postausgang|Beitrag/);
    } finally {
      await wp.startWebServer();
    }
  });

  it('kept exactly one entry', async () => {
    const blogs = await kladde.call<BlogView[]>('listBlogs');
    expect(blogs.map((b) => b.id)).toEqual([first.id]);
  });
});
