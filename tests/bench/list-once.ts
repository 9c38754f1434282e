import { PostStore } from '../../electron/main/posts/post-store.js';

// Runs in its own process so each measurement starts cold.
const root = process.argv[2] ?? '';
const store = new PostStore({ root });
const start = performance.now();
const posts = await store.list();
const ms = performance.now() - start;
if (posts.length === 0) throw new Error('keine Beiträge gelistet');
process.stdout.write(`${ms}\n`);
