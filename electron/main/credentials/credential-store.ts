import { chmod, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write.js';
import type { SecretBox } from './secret-box.js';

const FORMAT = 1;

interface CredentialFile {
  format: number;
  /** Per blog id: the encrypted secret, base64. */
  secrets: Record<string, string>;
}

/**
 * Secrets per blog (application password, WordPress.com token), encrypted with a {@link SecretBox} and kept in
 * one file of the config folder (mode 0600) — never in the library, never in plain text. Only main reads them
 * back ({@link get}); the renderer can set a secret and ask whether one exists, nothing more.
 */
export class CredentialStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly box: SecretBox,
  ) {}

  async has(blogId: string): Promise<boolean> {
    return Object.hasOwn((await this.read()).secrets, blogId);
  }

  async set(blogId: string, secret: string): Promise<void> {
    const encrypted = Buffer.from(await this.box.encrypt(secret)).toString('base64');
    await this.change((file) => {
      file.secrets[blogId] = encrypted;
    });
  }

  /** The plain secret, for main's publishers only; null when none is stored or it cannot be decrypted any more. */
  async get(blogId: string): Promise<string | null> {
    const stored = (await this.read()).secrets[blogId];
    if (stored === undefined) return null;
    try {
      return await this.box.decrypt(Buffer.from(stored, 'base64'));
    } catch {
      return null;
    }
  }

  async remove(blogId: string): Promise<void> {
    await this.change((file) => {
      delete file.secrets[blogId];
    });
  }

  private async read(): Promise<CredentialFile> {
    try {
      const parsed = JSON.parse(await readFile(this.file, 'utf8')) as Partial<CredentialFile>;
      if (parsed.format === FORMAT && parsed.secrets && typeof parsed.secrets === 'object') {
        return { format: FORMAT, secrets: { ...parsed.secrets } };
      }
    } catch {
      /* no file yet, or unreadable: no secrets */
    }
    return { format: FORMAT, secrets: {} };
  }

  /** Read-modify-write, one at a time, so two quick `set` calls cannot lose each other's secret. */
  private change(edit: (file: CredentialFile) => void): Promise<void> {
    const run = this.queue.then(async () => {
      const file = await this.read();
      edit(file);
      await mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
      await writeFileAtomic(this.file, JSON.stringify(file, null, 2) + '\n');
      await chmod(this.file, 0o600);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}
