import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CredentialStore } from '../../../electron/main/credentials/credential-store.js';
import { FileKeySecretBox } from '../../../electron/main/credentials/file-key-secret-box.js';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kladde-cred-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const SECRET = 'abcd EFGH ijkl MNOP qrst UVWX';

describe('secrets encrypted in the config folder', () => {
  it('stores per blog, only encrypted, in files only the user can read', async () => {
    const store = new CredentialStore(path.join(dir, 'credentials.json'), new FileKeySecretBox(path.join(dir, 'secret.key')));
    expect(await store.has('blog-a')).toBe(false);
    await store.set('blog-a', SECRET);
    await store.set('blog-b', 'anderes Geheimnis 😀');
    expect(await store.get('blog-a')).toBe(SECRET);
    expect(await store.get('blog-b')).toBe('anderes Geheimnis 😀');
    expect(await store.has('blog-a')).toBe(true);
    for (const file of ['credentials.json', 'secret.key']) {
      expect((await stat(path.join(dir, file))).mode & 0o777).toBe(0o600);
    }
    const onDisk = await readFile(path.join(dir, 'credentials.json'), 'utf8');
    expect(onDisk).not.toContain('abcd');
    expect(onDisk).not.toContain(Buffer.from(SECRET).toString('base64').slice(0, 12));
    expect(onDisk).toContain('blog-a');
    await store.remove('blog-a');
    expect(await store.has('blog-a')).toBe(false);
    expect(await store.get('blog-b')).toBe('anderes Geheimnis 😀');
  });

  it('encrypts the same secret differently each time, and another process with the same key reads it', async () => {
    const box = new FileKeySecretBox(path.join(dir, 'secret.key'));
    const a = Buffer.from(await box.encrypt(SECRET)).toString('hex');
    const b = Buffer.from(await box.encrypt(SECRET)).toString('hex');
    expect(a).not.toBe(b);
    expect(await new FileKeySecretBox(path.join(dir, 'secret.key')).decrypt(Buffer.from(a, 'hex'))).toBe(SECRET);
  });

  it('cannot read secrets with another key, nor tampered ones', async () => {
    const store = new CredentialStore(path.join(dir, 'credentials.json'), new FileKeySecretBox(path.join(dir, 'secret.key')));
    await store.set('blog', SECRET);
    const other = new CredentialStore(path.join(dir, 'credentials.json'), new FileKeySecretBox(path.join(dir, 'other.key')));
    expect(await other.has('blog')).toBe(true);
    expect(await other.get('blog')).toBeNull();
    const file = JSON.parse(await readFile(path.join(dir, 'credentials.json'), 'utf8')) as { secrets: Record<string, string> };
    const bytes = Buffer.from(file.secrets['blog'] ?? '', 'base64');
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1;
    file.secrets['blog'] = bytes.toString('base64');
    await writeFile(path.join(dir, 'credentials.json'), JSON.stringify(file));
    expect(await store.get('blog')).toBeNull();
  });

  it('does not lose one of two secrets set at once', async () => {
    const store = new CredentialStore(path.join(dir, 'credentials.json'), new FileKeySecretBox(path.join(dir, 'secret.key')));
    await Promise.all(['a', 'b', 'c', 'd'].map((id) => store.set(id, `geheim-${id}`)));
    expect(await Promise.all(['a', 'b', 'c', 'd'].map((id) => store.get(id)))).toEqual(['geheim-a', 'geheim-b', 'geheim-c', 'geheim-d']);
  });
});
