import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { readPublishState } from '../../electron/common/markdown/front-matter-publish.js';
import { findImageReferences } from '../../electron/common/markdown/image-refs.js';
import { HttpClient, platformFetch } from '../../electron/main/http/http-client.js';
import { ImportService } from '../../electron/main/import/import-service.js';
import { PostStore } from '../../electron/main/posts/post-store.js';

/**
 * One import of an export in a fresh process (so its peak memory is the import's own): prints a JSON line with
 * the time, the outcomes, the peak RSS, and how many image bytes publishing the imported posts back unchanged
 * would send (images whose content hash the publish record does not know).
 */
async function main(): Promise<void> {
  const [file, root, configDir, blogId] = process.argv.slice(2);
  if (!file || !root || !configDir || !blogId) throw new Error('import-once.ts <export.xml> <library> <configDir> <blogId>');
  const posts = new PostStore({ root });
  await posts.ensureLibrary();
  const http = new HttpClient({ fetch: platformFetch, timeoutMs: 30_000 });
  const service = new ImportService({ posts, http, configDir, sources: () => Promise.reject(new Error('kein Blog im Benchmark')) });
  await service.start();
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const job = await service.run({ kind: 'wxr-path', path: file, blogId, downloadImages: true, includePages: false, overwriteLocal: [] });
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
  const outcomes: Record<string, number> = {};
  for (const r of job.results) outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + 1;
  // What publishing back would upload: the same rule as sendMissingImages (same key, same content hash → not sent).
  let imageBytesToSend = 0;
  let images = 0;
  for (const r of job.results) {
    if (!r.postId) continue;
    const text = await readFile(posts.paths.postFile(r.postId), 'utf8');
    const media = readPublishState(text, blogId).media;
    for (const ref of findImageReferences(text)) {
      if (!ref.local) continue;
      images++;
      const bytes = await readFile(posts.paths.fileInPost(r.postId, ref.key));
      const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 32);
      if (media[ref.key]?.hash !== hash) imageBytesToSend += bytes.byteLength;
    }
  }
  process.stdout.write(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, state: job.state, message: job.message, outcomes, missing: job.results.reduce((n, r) => n + r.imagesMissing, 0), peak, images, imageBytesToSend }) + '\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
