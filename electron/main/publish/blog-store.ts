import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { blogSchema, blogTermsSchema, type Blog, type BlogTerms } from '../../common/model/blog.js';
import { KladdeError } from '../../common/result.js';
import { writeFileAtomic } from '../fs/atomic-write.js';

const FORMAT = 1;
const blogsFileSchema = z.object({ format: z.literal(FORMAT), blogs: z.array(blogSchema) });

export const EMPTY_TERMS: BlogTerms = { categories: [], tags: [], fetchedAt: null };

/**
 * The user's blogs (`blogs.json`) and each blog's cached categories and tags (`blog-terms/<id>.json`), in the
 * config folder: they belong to this user on this machine, not to the library, and hold no secret.
 */
export class BlogStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly dir: string) {}

  private get file(): string {
    return path.join(this.dir, 'blogs.json');
  }

  private termsFile(id: string): string {
    return path.join(this.dir, 'blog-terms', `${id}.json`);
  }

  async list(): Promise<Blog[]> {
    try {
      const parsed = blogsFileSchema.safeParse(JSON.parse(await readFile(this.file, 'utf8')));
      return parsed.success ? parsed.data.blogs : [];
    } catch {
      return [];
    }
  }

  async get(id: string): Promise<Blog> {
    const blog = (await this.list()).find((b) => b.id === id);
    if (!blog) throw new KladdeError('not-found', `Blog „${id}“ ist nicht eingerichtet`);
    return blog;
  }

  /** Adds a blog under an id made from its address (`example-org`, `example-org-2` …). */
  add(blog: Omit<Blog, 'id'>): Promise<Blog> {
    return this.change((blogs) => {
      const base = idFor(blog.url);
      let id = base;
      for (let n = 2; blogs.some((b) => b.id === id); n++) id = `${base.slice(0, 58)}-${n}`;
      const added = blogSchema.parse({ ...blog, id });
      blogs.push(added);
      return added;
    });
  }

  update(id: string, patch: Partial<Omit<Blog, 'id' | 'kind'>>): Promise<Blog> {
    return this.change((blogs) => {
      const index = blogs.findIndex((b) => b.id === id);
      const current = blogs[index];
      if (!current) throw new KladdeError('not-found', `Blog „${id}“ ist nicht eingerichtet`);
      const next = blogSchema.parse({ ...current, ...patch, id, kind: current.kind });
      blogs[index] = next;
      return next;
    });
  }

  async remove(id: string): Promise<void> {
    await this.change((blogs) => {
      const index = blogs.findIndex((b) => b.id === id);
      if (index !== -1) blogs.splice(index, 1);
    });
    await rm(this.termsFile(id), { force: true });
  }

  async terms(id: string): Promise<BlogTerms> {
    try {
      const parsed = blogTermsSchema.safeParse(JSON.parse(await readFile(this.termsFile(id), 'utf8')));
      if (parsed.success) return parsed.data;
    } catch {
      /* never fetched */
    }
    return EMPTY_TERMS;
  }

  async saveTerms(id: string, terms: BlogTerms): Promise<void> {
    await mkdir(path.dirname(this.termsFile(id)), { recursive: true });
    await writeFileAtomic(this.termsFile(id), JSON.stringify(terms) + '\n');
  }

  private change<T>(edit: (blogs: Blog[]) => T): Promise<T> {
    const run = this.queue.then(async () => {
      const blogs = await this.list();
      const result = edit(blogs);
      await mkdir(this.dir, { recursive: true });
      await writeFileAtomic(this.file, JSON.stringify({ format: FORMAT, blogs }, null, 2) + '\n');
      return result;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}

/** `https://www.Example.org:8080/blog/` → `example-org-8080-blog`. */
export function idFor(address: string): string {
  let text = address;
  try {
    const u = new URL(address);
    text = `${u.hostname.replace(/^www\./, '')}${u.port ? `-${u.port}` : ''}${u.pathname}`;
  } catch {
    /* not an address: made of the text itself */
  }
  const id = text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60).replace(/-+$/, '');
  return id || 'blog';
}
