import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readImages } from '../../electron/common/markdown/front-matter-images.js';
import { readPublishState } from '../../electron/common/markdown/front-matter-publish.js';
import { startWordPress, type WordPressServer } from '../support/wordpress/index.js';
import { tinyPng } from '../unit/images/tiny-images.js';
import { runKladde, writePost } from '../unit/cli/run-kladde.js';

/**
 * `kladde blog add` and `kladde publish` as a script runs them — the built launcher in a child process — against
 * a real WordPress 6.1 on loopback: sign-in with the password on stdin, publish as a draft with a credited image,
 * update without sending the image again, a conflict after an online edit (exit 1), overwrite, and the copy.
 */

const root = await mkdtemp(path.join(os.tmpdir(), 'kladde-cli-publish-'));
const home = path.join(root, 'home');
const config = path.join(root, 'config');
const library = path.join(root, 'bibliothek');
let wp: WordPressServer;

const POST = `---
title: "Kladde auf der Kommandozeile"
slug: kladde-kommandozeile
date: 2024-05-01T10:00:00
status: draft
lang: de
images:
  kopf.png:
    alt: Ein roter Kopf
    author: Rike
    source: pixelio.de
    license: pixelio
---
Veröffentlicht mit „kladde publish“.

![Ein roter Kopf](kopf.png)
`;

const kladde = (args: string[], input?: string, env: Record<string, string> = {}) =>
  runKladde([...args, '--config', config], { cwd: root, home, env, ...(input !== undefined ? { input } : {}) });

async function wpApi<T>(method: string, route: string, body?: unknown): Promise<T> {
  const response = await fetch(`${wp.restRoot}${route}`, {
    method,
    headers: { Authorization: wp.authorization, 'Content-Type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}
beforeAll(async () => {
  wp = await startWordPress();
  await mkdir(home, { recursive: true });
  await writePost(library, 'kommandozeile', POST, { 'kopf.png': tinyPng(40, 30, [200, 30, 30]) });
});

afterAll(async () => {
  await wp?.stop();
  await rm(root, { recursive: true, force: true });
});

describe('kladde publish against a real WordPress', () => {
  let blogId = '';
  let remoteId = '';

  it('refuses a wrong password and keeps nothing, then signs in with the password from stdin', async () => {
    const wrong = await kladde(['blog', 'add', wp.baseUrl, '--user', wp.user], 'falsch falsch falsch\n');
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).not.toContain('falsch');
    expect((await kladde(['blog', 'list', '--json'])).stdout).toContain('"blogs": []');

    const added = await kladde(['blog', 'add', wp.baseUrl, '--user', wp.user, '--json'], `${wp.appPassword}\n`);
    expect(added.code).toBe(0);
    const doc = JSON.parse(added.stdout) as { ok: boolean; blog: { id: string; kind: string }; check: { verified: boolean } };
    expect(doc).toMatchObject({ ok: true, blog: { kind: 'wordpress' }, check: { verified: true } });
    blogId = doc.blog.id;
    // The secret is stored encrypted, never in plain text.
    expect(await readFile(path.join(config, 'credentials.json'), 'utf8')).not.toContain(wp.appPassword);
  });

  it('publishes a post as a draft and prints the words of the app with the edit link', async () => {
    const { code, stdout, stderr } = await kladde(['publish', 'kommandozeile', '--blog', blogId, '--library', library]);
    expect(stderr).toContain('Sende „Kladde auf der Kommandozeile“ an');
    expect(stdout).toMatch(/^Als Entwurf im Blog gespeichert\.\nIm Blog bearbeiten: http:\/\/127\.0\.0\.1:\d+\/wp-admin\/post\.php\?post=\d+&action=edit\n$/);
    expect(code).toBe(0);
    const record = readPublishState(await readFile(path.join(library, 'kommandozeile', 'index.md'), 'utf8'), blogId).record;
    remoteId = record?.id ?? '';
    expect(remoteId).not.toBe('');
    const post = await wpApi<{ status: string; title: { raw: string }; content: { raw: string }; featured_media: number }>('GET', `wp/v2/posts/${remoteId}?context=edit`);
    expect(post.status).toBe('draft');
    expect(post.title.raw).toBe('Kladde auf der Kommandozeile');
    expect(post.content.raw).toContain('Veröffentlicht mit „kladde publish“.');
    expect(post.content.raw).toContain('Rike');
  });

  it('updates the same post, as JSON for a script', async () => {
    const text = await readFile(path.join(library, 'kommandozeile', 'index.md'), 'utf8');
    await writePost(library, 'kommandozeile', text.replace('„kladde publish“.', '„kladde publish“, zweimal.'));
    const { code, stdout } = await kladde(['publish', path.join(library, 'kommandozeile'), '--blog', blogId, '--json']);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout) as { ok: boolean; outcome: { status: string; remoteId: string; remoteStatus: string } };
    expect(doc).toMatchObject({ ok: true, outcome: { status: 'done', remoteId, remoteStatus: 'draft' } });
    const media = await wpApi<unknown[]>('GET', 'wp/v2/media?per_page=100');
    expect(media).toHaveLength(1);
    const posts = await wpApi<{ slug: string }[]>('GET', 'wp/v2/posts?status=any&per_page=100');
    expect(posts.filter((p) => p.slug === 'kladde-kommandozeile')).toHaveLength(1);
  });

  it('stops at a change made online (exit 1), loads the online version as a Markdown copy, and overwrites on request', async () => {
    await wpApi('POST', `wp/v2/posts/${remoteId}`, { title: 'Online geändert' });
    const conflict = await kladde(['publish', 'kommandozeile', '--blog', blogId, '--library', library]);
    expect(conflict.code).toBe(1);
    expect(conflict.stdout).toContain('Der Beitrag wurde im Blog geändert');
    expect(conflict.stderr).toContain('--overwrite');

    const copied = await kladde(['publish', 'kommandozeile', '--blog', blogId, '--library', library, '--online-copy']);
    expect(copied.code).toBe(1);
    expect(copied.stdout).toContain('Online-Fassung als Kopie geladen:');
    const folders = await readdir(library);
    const copyFolder = folders.find((f) => f !== 'kommandozeile' && !f.startsWith('.'));
    if (!copyFolder) throw new Error(`no copy in ${folders.join(', ')}`);
    const copy = await readFile(path.join(library, copyFolder, 'index.md'), 'utf8');
    expect(copy).toContain('title: Online geändert (online)');
    expect(copy).toContain('Veröffentlicht mit „kladde publish“, zweimal.');
    expect(copy).not.toContain('<!-- wp:');
    expect(Object.values(readImages(copy).images)).toContainEqual(expect.objectContaining({ author: 'Rike', source: 'pixelio.de', license: 'pixelio' }));

    const overwritten = await kladde(['publish', 'kommandozeile', '--blog', blogId, '--library', library, '--overwrite']);
    expect(overwritten.code).toBe(0);
    expect((await wpApi<{ title: { raw: string } }>('GET', `wp/v2/posts/${remoteId}?context=edit`)).title.raw).toBe('Kladde auf der Kommandozeile');
  });

  it('keeps the job in the outbox when the blog is gone (exit 3)', async () => {
    await wp.stopWebServer();
    try {
      const { code, stdout } = await kladde(['publish', 'kommandozeile', '--blog', blogId, '--library', library]);
      expect(code).toBe(3);
      expect(stdout).toContain('wartet im Postausgang');
      const jobs = await readdir(path.join(library, '.kladde', 'outbox'));
      expect(jobs.filter((j) => j.endsWith('.json')).length).toBeGreaterThan(0);
    } finally {
      await wp.startWebServer();
    }
  });
});
