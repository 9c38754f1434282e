import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LibraryPaths } from '../../../electron/main/posts/library-paths.js';

let tmp: string;
let root: string;
let paths: LibraryPaths;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'kladde-paths-'));
  root = path.join(tmp, 'Kladde');
  await mkdir(path.join(root, 'beitrag', 'bilder'), { recursive: true });
  await writeFile(path.join(root, 'beitrag', 'index.md'), 'x');
  await writeFile(path.join(root, 'beitrag', 'bild.jpg'), 'jpg');
  await mkdir(path.join(tmp, 'draussen'));
  await writeFile(path.join(tmp, 'draussen', 'geheim.txt'), 'geheim');
  await symlink(path.join(tmp, 'draussen'), path.join(root, 'ausflug'), 'dir');
  await symlink(path.join(tmp, 'draussen', 'geheim.txt'), path.join(root, 'beitrag', 'link.jpg'));
  await symlink(path.join(root, 'beitrag', 'bild.jpg'), path.join(root, 'beitrag', 'innen.jpg'));
  await symlink(root, path.join(root, 'schleife'), 'dir');
  paths = new LibraryPaths(root);
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('LibraryPaths.postDir', () => {
  it.each(['beitrag', 'Grüße aus Köln', 'a.b', 'x'.repeat(255), 'mit-2024'])('accepts %j', (id) => {
    expect(paths.postDir(id)).toBe(path.join(root, id));
    expect(paths.postFile(id)).toBe(path.join(root, id, 'index.md'));
  });

  it.each(['', '.', '..', '../x', 'a/b', 'a\\b', '/etc', '.hidden', 'nul\0', ' x', 'x ', 'x'.repeat(256)])('refuses %j', (id) => {
    expect(() => paths.postDir(id)).toThrow(expect.objectContaining({ code: 'outside-library' }));
  });
});

describe('LibraryPaths.fileInPost', () => {
  it.each([
    ['bild.jpg', 'bild.jpg'],
    ['./bild.jpg', 'bild.jpg'],
    ['bilder/a.png', 'bilder/a.png'],
    ['bilder/../bild.jpg', 'bild.jpg'],
    ['%2e%2e/geheim.txt', '%2e%2e/geheim.txt'],
  ])('accepts %j', (relative, expected) => {
    expect(paths.fileInPost('beitrag', relative)).toBe(path.join(root, 'beitrag', expected));
  });

  it.each(['', '.', '..', '../anderer/bild.jpg', 'bilder/../../x', '/etc/passwd', 'C:\\x', 'c:x', 'a\0b'])('refuses %j', (relative) => {
    expect(() => paths.fileInPost('beitrag', relative)).toThrow(expect.objectContaining({ code: 'outside-library' }));
  });
});

describe('LibraryPaths.realInside', () => {
  it('resolves files and symlinks that stay inside', async () => {
    expect(await paths.realInside(paths.postFile('beitrag'))).toBe(path.join(root, 'beitrag', 'index.md'));
    expect(await paths.realInside(paths.fileInPost('beitrag', 'innen.jpg'))).toBe(path.join(root, 'beitrag', 'bild.jpg'));
  });

  it.each([
    ['a folder symlink out', () => paths.postDir('ausflug')],
    ['a file symlink out', () => paths.fileInPost('beitrag', 'link.jpg')],
    ['a file under a folder symlink out', () => path.join(paths.postDir('ausflug'), 'geheim.txt')],
    ['a folder symlink to the library itself', () => paths.postDir('schleife')],
    ['the library folder', () => root],
  ])('refuses %s', async (_name, candidate) => {
    await expect(paths.realInside(candidate())).rejects.toMatchObject({ code: 'outside-library' });
  });

  it('lets a missing file fail as missing (the caller decides)', async () => {
    await expect(paths.realInside(paths.postFile('gibt-es-nicht'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('works when the library folder itself is reached through a symlink', async () => {
    const viaLink = path.join(tmp, 'verknuepfung');
    await symlink(root, viaLink, 'dir');
    const linked = new LibraryPaths(viaLink);
    expect(await linked.realInside(linked.postFile('beitrag'))).toBe(path.join(root, 'beitrag', 'index.md'));
    await expect(linked.realInside(linked.postDir('ausflug'))).rejects.toMatchObject({ code: 'outside-library' });
  });
});

describe('LibraryPaths.realInPost', () => {
  it('resolves a post’s own files, also through symlinks that stay in its folder', async () => {
    expect(await paths.realInPost('beitrag', 'bild.jpg')).toBe(path.join(root, 'beitrag', 'bild.jpg'));
    expect(await paths.realInPost('beitrag', 'innen.jpg')).toBe(path.join(root, 'beitrag', 'bild.jpg'));
  });

  it('refuses a symlink to another post’s file, though it is inside the library', async () => {
    await mkdir(path.join(root, 'anderer'), { recursive: true });
    await writeFile(path.join(root, 'anderer', 'privat.jpg'), 'privat');
    await symlink(path.join(root, 'anderer', 'privat.jpg'), path.join(root, 'beitrag', 'fremd.jpg'));
    await expect(paths.realInPost('beitrag', 'fremd.jpg')).rejects.toMatchObject({ code: 'outside-library' });
    await expect(paths.realInPost('beitrag', 'link.jpg')).rejects.toMatchObject({ code: 'outside-library' });
    await expect(paths.realInPost('beitrag', '../anderer/privat.jpg')).rejects.toMatchObject({ code: 'outside-library' });
  });
});
