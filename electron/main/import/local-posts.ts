import { lstat } from 'node:fs/promises';
import { readPublishState } from '../../common/markdown/front-matter-publish.js';
import type { PostStore } from '../posts/post-store.js';

/**
 * Which local post holds a blog's post already: the one whose publish record for that blog names its remote id
 * (imported or published before). The library is scanned once per blog and remembered for the finder's life
 * (one import job, one listing); posts the job creates are added as it goes.
 */
export class LocalPostFinder {
  private readonly byBlog = new Map<string, Promise<Map<string, string>>>();

  constructor(private readonly posts: PostStore) {}

  /** remote id → post id for a blog. */
  remoteIds(blogId: string): Promise<Map<string, string>> {
    let found = this.byBlog.get(blogId);
    if (!found) {
      found = this.scan(blogId);
      this.byBlog.set(blogId, found);
    }
    return found;
  }

  private async scan(blogId: string): Promise<Map<string, string>> {
    const map = new Map<string, string>();
    const summaries = await this.posts.list();
    for (const summary of summaries) {
      if (summary.problem !== null && !summary.problem.startsWith('nicht als UTF-8')) continue;
      let text: string;
      try {
        text = (await this.posts.peek(summary.id)).text;
      } catch {
        continue;
      }
      // Most posts never name the blog: they are passed over without parsing their YAML.
      if (!text.includes(blogId)) continue;
      const record = readPublishState(text, blogId).record;
      if (record && !map.has(record.id)) map.set(record.id, summary.id);
    }
    return map;
  }
}

/** Whether a post's folder is there (anything at its path, a dangling link included). */
export async function postFolderExists(posts: PostStore, postId: string): Promise<boolean> {
  try {
    await lstat(posts.paths.postDir(postId));
    return true;
  } catch {
    return false;
  }
}
