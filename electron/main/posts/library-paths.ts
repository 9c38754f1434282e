import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { postIdSchema } from '../../common/model/post.js';
import { KladdeError } from '../../common/result.js';

/**
 * The only place that turns post ids into paths. Every path it returns lies inside the library folder,
 * also after symlinks are followed; anything else is refused with `outside-library`.
 */
export class LibraryPaths {
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  /** The folder of a post, checked lexically (the folder may not exist yet). */
  postDir(id: string): string {
    if (!postIdSchema.safeParse(id).success) {
      throw new KladdeError('outside-library', `Ungültige Beitrags-ID: ${JSON.stringify(id).slice(0, 80)}`);
    }
    const dir = path.resolve(this.root, id);
    if (path.dirname(dir) !== this.root || path.basename(dir) !== id) {
      throw new KladdeError('outside-library', 'Pfad liegt außerhalb der Bibliothek');
    }
    return dir;
  }

  postFile(id: string): string {
    return path.join(this.postDir(id), 'index.md');
  }

  /** A file inside a post's folder, given relative to it (as Markdown image paths are). */
  fileInPost(id: string, relative: string): string {
    const dir = this.postDir(id);
    if (relative.includes('\0') || path.isAbsolute(relative) || /^[a-z]:/i.test(relative)) {
      throw new KladdeError('outside-library', 'Pfad liegt außerhalb des Beitragsordners');
    }
    const file = path.resolve(dir, relative);
    if (!file.startsWith(dir + path.sep)) {
      throw new KladdeError('outside-library', 'Pfad liegt außerhalb des Beitragsordners');
    }
    return file;
  }

  /**
   * Like postDir/fileInPost, but also follows symlinks and refuses any that point out of the library, or at
   * the library folder itself (no post is the whole library: a duplicate would copy it into itself).
   */
  async realInside(candidate: string): Promise<string> {
    const [realRoot, real] = await Promise.all([realpath(this.root), realpath(candidate)]);
    if (!real.startsWith(realRoot + path.sep)) {
      throw new KladdeError('outside-library', 'Verknüpfung zeigt aus der Bibliothek hinaus');
    }
    return real;
  }

  /**
   * A post's own file, with symlinks followed: it must stay inside that post's folder (not just the library), so
   * publishing one post can never upload another post's files.
   */
  async realInPost(id: string, relative: string): Promise<string> {
    const file = this.fileInPost(id, relative);
    const [realDir, real] = await Promise.all([realpath(this.postDir(id)), realpath(file)]);
    await this.realInside(realDir);
    if (!real.startsWith(realDir + path.sep)) {
      throw new KladdeError('outside-library', 'Verknüpfung zeigt aus dem Beitragsordner hinaus');
    }
    return real;
  }
}
