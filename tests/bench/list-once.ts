import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PostStore } from '../../electron/main/posts/post-store.js';

// Runs in its own process so each measurement starts cold. Before the clock starts, a library of one post is
// listed once: in the app every module of main is loaded at start, while here tsx would compile the modules the
// listing needs inside the measurement.
const warm = await mkdtemp(path.join(os.tmpdir(), 'kladde-list-warm-'));
await mkdir(path.join(warm, 'warm'));
await writeFile(path.join(warm, 'warm', 'index.md'), '---\ntitle: Warm\ndate: 2013-01-03\ntags:\n  - a\n---\n\nText.\n');
await new PostStore({ root: warm }).list();
await rm(warm, { recursive: true, force: true });

const root = process.argv[2] ?? '';
const store = new PostStore({ root });
const start = performance.now();
const posts = await store.list();
const ms = performance.now() - start;
if (posts.length === 0) throw new Error('keine Beiträge gelistet');
process.stdout.write(`${ms}\n`);
