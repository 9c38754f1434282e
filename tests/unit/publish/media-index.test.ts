import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MediaIndex } from '../../../electron/main/publish/media-index.js';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kladde-media-index-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('the per-blog media index', () => {
  it('remembers uploads by content hash, per blog, across instances', async () => {
    const index = new MediaIndex(dir);
    await Promise.all([
      index.remember('mein-blog', { hash: 'aaa', id: '7', url: 'https://blog.example/a.png' }),
      index.remember('mein-blog', { hash: 'bbb', id: '8', url: 'https://blog.example/b.png' }),
      index.remember('anderer-blog', { hash: 'aaa', id: '99', url: 'https://other.example/a.png' }),
    ]);
    const again = new MediaIndex(dir);
    expect(await again.find('mein-blog', 'aaa')).toEqual({ hash: 'aaa', id: '7', url: 'https://blog.example/a.png' });
    expect(await again.find('mein-blog', 'bbb')).toMatchObject({ id: '8' });
    expect(await again.find('anderer-blog', 'aaa')).toMatchObject({ id: '99' });
    expect(await again.find('mein-blog', 'ccc')).toBeNull();
    await again.forget('mein-blog', 'aaa');
    expect(await again.find('mein-blog', 'aaa')).toBeNull();
    expect(JSON.parse(await readFile(path.join(dir, 'mein-blog.json'), 'utf8'))).toMatchObject({ format: 1 });
  });

  it('reads a broken file as empty and refuses ids that are no blog id', async () => {
    await writeFile(path.join(dir, 'mein-blog.json'), '{kaputt');
    const index = new MediaIndex(dir);
    expect(await index.find('mein-blog', 'aaa')).toBeNull();
    await index.remember('mein-blog', { hash: 'aaa', id: '1', url: 'u' });
    expect(await index.find('mein-blog', 'aaa')).toMatchObject({ id: '1' });
    await expect(index.remember('../weg', { hash: 'x', id: '1', url: 'u' })).rejects.toThrow();
  });
});
