import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { germanPost } from './corpus.js';
const root = process.argv[2]!; const n = Number(process.argv[3] ?? 10000);
const body = germanPost('Titel', 'x', 2500);
for (let i = 0; i < n; i += 200) await Promise.all(Array.from({ length: Math.min(200, n - i) }, async (_, j) => { const id = `beitrag-${i + j}`; await mkdir(path.join(root, id), {recursive:true}); await writeFile(path.join(root, id, 'index.md'), body.replace('title: Titel', `title: Beitrag ${i + j}`).replace('slug: x', `slug: ${id}`)); }));
console.log(body.length);
