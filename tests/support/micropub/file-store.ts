import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { MicropubFile, MicropubStoreLike } from '@benjifs/micropub';

/**
 * The store @benjifs/micropub writes into: plain files under one folder (posts as Markdown with front matter,
 * uploads as they came). A name that would leave the folder is refused, as a real store would.
 */
export class FolderStore implements MicropubStoreLike {
  constructor(private readonly root: string) {}

  private inside(filename: string): string | null {
    const full = path.resolve(this.root, filename);
    return full.startsWith(this.root + path.sep) ? full : null;
  }

  async createFile(filename: string, content: string): Promise<string | undefined> {
    const full = this.inside(filename);
    if (!full) return undefined;
    await mkdir(path.dirname(full), { recursive: true });
    await writeFile(full, content, { flag: 'wx' });
    return filename;
  }

  async updateFile(filename: string, content: string): Promise<string | undefined> {
    const full = this.inside(filename);
    if (!full) return undefined;
    await writeFile(full, content);
    return filename;
  }

  async uploadImage(filename: string, file: MicropubFile): Promise<string | undefined> {
    const full = this.inside(filename);
    if (!full) return undefined;
    await mkdir(path.dirname(full), { recursive: true });
    await writeFile(full, file.content);
    return filename;
  }

  async getFile(filename: string): Promise<{ filename: string; content: string } | undefined> {
    const full = this.inside(filename);
    if (!full) return undefined;
    try {
      return { filename, content: await readFile(full, 'utf8') };
    } catch {
      return undefined;
    }
  }

  async getDirectory(dir: string): Promise<{ files: { path: string }[] } | undefined> {
    const full = this.inside(dir);
    if (!full) return undefined;
    try {
      const names = await readdir(full);
      return { files: names.map((name) => ({ path: `${dir}/${name}` })) };
    } catch {
      return undefined;
    }
  }

  async deleteFile(filename: string): Promise<string | undefined> {
    const full = this.inside(filename);
    if (!full) return undefined;
    await rm(full, { force: true });
    return filename;
  }
}
