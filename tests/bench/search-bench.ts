import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PostStore } from '../../electron/main/posts/post-store.js';
import { indexFilePath } from '../../electron/main/search/search-index-file.js';
import { SearchService } from '../../electron/main/search/search-service.js';
import { germanPost } from './corpus.js';
import { formatMs, median, percentile } from './stats.js';

const PLACES = ['München', 'Köln', 'Düsseldorf', 'Lübeck', 'Würzburg', 'Görlitz', 'Bückeburg', 'Fürth', 'Weißenfels', 'Gießen', 'Straßburg', 'Oldenburg'];
const THINGS = ['Fahrradstraße', 'Marktplatz', 'Brückenfest', 'Gemüsegarten', 'Kaffeehaus', 'Bücherei', 'Schwimmbad', 'Überlandbus', 'Spaziergang'];
/** What people type: whole words, folded spellings, prefixes letter by letter, two words, rare and common words. */
const QUERIES = [
  'sonne', 'kaffee', 'strasse', 'straße', 'muenchen', 'münchen', 'koeln', 'fahrradstrasse', 'bildnachweis', 'abmahnung',
  's', 'st', 'str', 'stra', 'stras', 'strass', 'strasse',
  'w', 'wü', 'wür', 'würz', 'würzb', 'wuerzburg',
  'notiz4711', 'notiz9999', 'kaffee köln', 'überlandbus lübeck', 'gedanken schreiben', 'datenschutz', 'nichtsdergleichen',
];

function post(i: number): string {
  const place = PLACES[i % PLACES.length] ?? '';
  const thing = THINGS[(i * 7) % THINGS.length] ?? '';
  const base = germanPost(`${thing} in ${place}`, `beitrag-${i}`, 2000);
  return `${base}\nHeute in ${place}: ${thing}, Notiz${i}.\n`;
}

/**
 * `npm run bench -- search`: 10,000 generated German posts — building the index, loading it at the next start,
 * updating it after one save, and searching (p95 over typed queries, goal ≤ 100 ms, snippets included).
 */
export async function benchSearch(n = 10_000): Promise<string[]> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'kladde-bench-search-'));
  try {
    for (let i = 0; i < n; i += 200) {
      await Promise.all(
        Array.from({ length: Math.min(200, n - i) }, async (_, j) => {
          const id = `beitrag-${i + j}`;
          await mkdir(path.join(root, id));
          await writeFile(path.join(root, id, 'index.md'), post(i + j));
        }),
      );
    }
    const posts = new PostStore({ root });
    await posts.ensureLibrary();

    let t0 = performance.now();
    const building = new SearchService({ posts, saveDelayMs: 60_000 });
    await building.refresh();
    const buildMs = performance.now() - t0;
    t0 = performance.now();
    await building.stop();
    const writeMs = performance.now() - t0;
    const bytes = (await stat(indexFilePath(root))).size;

    const search = new SearchService({ posts, saveDelayMs: 60_000 });
    t0 = performance.now();
    await search.refresh();
    const loadMs = performance.now() - t0;

    const times: number[] = [];
    // CPU time of this process per query too: on a machine shared with other work it shows what the query itself costs.
    const cpuTimes: number[] = [];
    let hits = 0;
    for (let round = 0; round < 5; round++) {
      for (const query of QUERIES) {
        const start = performance.now();
        const cpu = process.cpuUsage();
        hits += (await search.search({ query, limit: 30 })).length;
        const used = process.cpuUsage(cpu);
        times.push(performance.now() - start);
        cpuTimes.push((used.user + used.system) / 1000);
      }
    }
    const p95 = percentile(times, 95);

    // After a save the library watcher names the post; the next search re-reads just that one.
    const opened = await posts.open('beitrag-42');
    await posts.save('beitrag-42', opened.text.replace('Notiz42', 'Zugspitzbahn'), opened.version, false);
    search.sink.emit('libraryChanged', { posts: ['beitrag-42'] });
    t0 = performance.now();
    const found = (await search.search({ query: 'zugspitzbahn' })).map((h) => h.id).join(',');
    const updateMs = performance.now() - t0;
    const reread = search.lastReindexed;
    // A change the watcher could not name (an error): one comparison of modification times with the whole library.
    t0 = performance.now();
    await search.refresh();
    const compareMs = performance.now() - t0;
    await search.stop();
    const load = os.loadavg()[0] ?? 0;

    const fmt = (x: number) => x.toLocaleString('de-DE');
    return [
      `Suche, ${fmt(n)} Beiträge: Index aufbauen ${formatMs(buildMs)} (in .kladde/suche.json schreiben ${formatMs(writeMs)}, ${(bytes / 1e6).toFixed(1)} MB); beim nächsten Start laden und abgleichen ${formatMs(loadMs)}`,
      `Suche, ${fmt(n)} Beiträge: Abfrage mit Ausschnitten (30 Treffer) Median ${formatMs(median(times))}, p95 ${formatMs(p95)} über ${times.length} Abfragen, ${fmt(hits)} Treffer (Ziel p95 ≤ 100 ms: ${p95 <= 100 ? 'erreicht' : 'VERFEHLT'}); Rechenzeit des Prozesses je Abfrage Median ${formatMs(median(cpuTimes))}, p95 ${formatMs(percentile(cpuTimes, 95))}`,
      `Suche, ${fmt(n)} Beiträge: nach dem Speichern eines Beitrags neu lesen und suchen ${formatMs(updateMs)} (${reread} Beitrag neu gelesen; gefunden: ${found || 'nichts'}); ganze Bibliothek nach Änderungszeiten abgleichen ${formatMs(compareMs)}`,
      `Suche: Systemlast während der Messung (loadavg 1 min) ${load.toFixed(1)} auf ${os.cpus().length} Kernen`,
    ];
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
