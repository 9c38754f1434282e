import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { blogThemeSchema, type BlogTheme } from '../../common/blog-theme/blog-theme.js';
import { blogIdSchema } from '../../common/model/blog.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import type { HttpClient } from '../http/http-client.js';
import { captureBlogTheme } from './theme-capture.js';

export interface BlogThemeStoreDeps {
  /** The library folder: looks live in `.kladde/themes/<blog-id>/theme.json` beside the posts they preview. */
  root: string;
  http: HttpClient;
  /** The blog's home address by id (throws not-found for an unknown blog). */
  blogUrl: (blogId: string) => Promise<string>;
  log?: (line: string) => void;
}

/** Each blog's captured look (see theme-capture.ts), one capture per blog at a time. */
export class BlogThemeStore {
  private readonly running = new Map<string, Promise<BlogTheme>>();

  constructor(private readonly deps: BlogThemeStoreDeps) {}

  private file(blogId: string): string {
    return path.join(this.deps.root, '.kladde', 'themes', blogIdSchema.parse(blogId), 'theme.json');
  }

  /** The stored look, or null when none was captured (or the file is damaged). */
  async get(blogId: string): Promise<BlogTheme | null> {
    try {
      const parsed = blogThemeSchema.safeParse(JSON.parse(await readFile(this.file(blogId), 'utf8')));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  /** Fetches the blog's look anew and stores it; the old one stays when this fails. */
  refresh(blogId: string): Promise<BlogTheme> {
    const running = this.running.get(blogId);
    if (running) return running;
    const run = (async () => {
      const url = await this.deps.blogUrl(blogId);
      const theme = await captureBlogTheme({ id: blogId, url }, { http: this.deps.http });
      await mkdir(path.dirname(this.file(blogId)), { recursive: true });
      await writeFileAtomic(this.file(blogId), JSON.stringify(theme));
      this.deps.log?.(`Aussehen des Blogs ${blogId} geladen: ${theme.bytes} Bytes, ${theme.dropped.length} ausgelassen`);
      return theme;
    })().finally(() => this.running.delete(blogId));
    this.running.set(blogId, run);
    return run;
  }

  async remove(blogId: string): Promise<void> {
    await rm(path.dirname(this.file(blogId)), { recursive: true, force: true });
  }
}
