import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SecretBox } from './secret-box.js';

const FORMAT = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

/**
 * A {@link SecretBox} for plain Node (the web host, tests): AES-256-GCM with a random key kept in a file of the
 * config folder, readable only by the user (mode 0600). It keeps secrets out of plain text and out of the
 * library; it is weaker than the keychain, because whoever can read the config folder can read the key.
 */
export class FileKeySecretBox implements SecretBox {
  readonly kind = 'key-file';
  private key: Promise<Buffer> | null = null;

  constructor(private readonly keyFile: string) {}

  async encrypt(plain: string): Promise<Uint8Array> {
    const key = await this.loadKey();
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([FORMAT]), iv, cipher.getAuthTag(), body]);
  }

  async decrypt(data: Uint8Array): Promise<string> {
    const bytes = Buffer.from(data);
    if (bytes.length < 1 + IV_BYTES + TAG_BYTES || bytes[0] !== FORMAT) throw new Error('Unbekanntes Format verschlüsselter Daten');
    const key = await this.loadKey();
    const iv = bytes.subarray(1, 1 + IV_BYTES);
    const tag = bytes.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(bytes.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }

  private loadKey(): Promise<Buffer> {
    this.key ??= this.readOrCreateKey().catch((error: unknown) => {
      this.key = null;
      throw error;
    });
    return this.key;
  }

  private async readOrCreateKey(): Promise<Buffer> {
    try {
      const key = await readFile(this.keyFile);
      if (key.length !== KEY_BYTES) throw new Error('Schlüsseldatei hat die falsche Länge');
      // A key file made readable by others (a copy, an unpack) is narrowed again.
      await chmod(this.keyFile, 0o600).catch(() => undefined);
      return key;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    await mkdir(path.dirname(this.keyFile), { recursive: true, mode: 0o700 });
    const key = randomBytes(KEY_BYTES);
    try {
      // `wx`: two processes starting at once must not overwrite each other's key.
      const handle = await open(this.keyFile, 'wx', 0o600);
      try {
        await handle.writeFile(key);
        await handle.sync();
      } finally {
        await handle.close();
      }
      return key;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readFile(this.keyFile);
      throw error;
    }
  }
}
