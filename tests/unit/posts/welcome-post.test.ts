import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { postProblems } from '../../../electron/common/markdown/image-problems.js';
import { renderPost } from '../../../electron/common/markdown/render.js';
import { sniffImage } from '../../../electron/main/images/image-type.js';
import { PostStore } from '../../../electron/main/posts/post-store.js';

let root = '';
afterEach(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe('the welcome post of a new library', () => {
  it('shows a credited image and is ready to publish: no image problems', async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'kladde-welcome-'));
    const store = new PostStore({ root: path.join(root, 'Kladde') });
    await store.ensureLibrary();
    const dir = path.join(root, 'Kladde', 'willkommen-in-kladde');
    const files = await readdir(dir);
    expect(files.sort()).toEqual(['index.md', 'kladde-am-abend.jpg']);
    expect(sniffImage(await readFile(path.join(dir, 'kladde-am-abend.jpg')))).toEqual({ kind: 'image', type: 'jpeg' });
    const text = (await store.open('willkommen-in-kladde')).text;
    expect(postProblems(text, new Set(files))).toEqual([]);
    expect(renderPost(text)).toContain('<figcaption>Die Kladde am Abend — Bild: Kladde</figcaption>');
  });
});
