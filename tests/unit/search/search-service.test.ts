import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SearchHit } from '../../../electron/common/model/search.js';
import { PostStore } from '../../../electron/main/posts/post-store.js';
import { SEARCH_INDEX_FORMAT, indexFilePath } from '../../../electron/main/search/search-index-file.js';
import { SearchService } from '../../../electron/main/search/search-service.js';
import { useTestServices } from '../../support/services.js';

let dir = '';
let posts: PostStore;
const logs: string[] = [];
const made: SearchService[] = [];
const service = () => {
  const s = new SearchService({ posts, log: (m) => logs.push(m), saveDelayMs: 10 });
  made.push(s);
  return s;
};

async function writePost(id: string, text: string): Promise<void> {
  await mkdir(path.join(dir, id), { recursive: true });
  await writeFile(path.join(dir, id, 'index.md'), text);
}

const ids = (hits: SearchHit[]) => hits.map((h) => h.id).sort();

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kladde-search-'));
  posts = new PostStore({ root: dir });
  await posts.ensureLibrary();
  logs.length = 0;
  await writePost('strassenfest', '---\ntitle: Sommer in der Stadt\ntags: [Feste, Köln]\n---\n\nAm Samstag war Straßenfest in der Großen Straße.\n');
  await writePost('muenchen', '---\ntitle: Ein Tag in München\ncategories: [Reisen]\n---\n\nDie Isar war kalt.\n');
  await writePost(
    'bilder',
    '---\ntitle: Bilder vom Hafen\nimages:\n  hafen.jpg:\n    author: Jürgen Weißmann\n    source: pixelio.de\n    license: pixelio\n---\n\n![](hafen.jpg)\n',
  );
});

afterEach(async () => {
  // Each service writes its index a moment after a change: stopped first, so nothing writes into a removed folder.
  for (const s of made.splice(0)) await s.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('SearchService on a real library', () => {
  it('finds by body, title, tags, categories and credits, folding the German way both ways', async () => {
    const search = service();
    expect(ids(await search.search({ query: 'strasse' }))).toEqual(['strassenfest']);
    expect(ids(await search.search({ query: 'Muenchen' }))).toEqual(['muenchen']);
    expect(ids(await search.search({ query: 'münchen' }))).toEqual(['muenchen']);
    expect(ids(await search.search({ query: 'koeln' }))).toEqual(['strassenfest']);
    expect(ids(await search.search({ query: 'reisen' }))).toEqual(['muenchen']);
    expect(ids(await search.search({ query: 'weissmann' }))).toEqual(['bilder']);
    expect(ids(await search.search({ query: 'Jürgen pixelio' }))).toEqual(['bilder']);
    expect(await search.search({ query: 'Jürgen Isar' })).toEqual([]);
  });

  it('matches prefixes while typing, with snippet, highlight and the match in the post', async () => {
    const search = service();
    const [hit] = await search.search({ query: 'Straßenf' });
    expect(hit?.id).toBe('strassenfest');
    const text = (await posts.peek('strassenfest')).text;
    expect(text.slice(hit?.at?.from, hit?.at?.to)).toBe('Straßenf');
    expect(hit?.fields).toContain('body');
    const marks = hit?.highlights.map((h) => hit.snippet.slice(h.from, h.to));
    expect(marks).toEqual(['Straßenf']);
  });

  it('writes a versioned index to .kladde/suche.json and uses it at the next start without reading posts again', async () => {
    const first = service();
    await first.search({ query: 'isar' });
    await first.flush();
    const saved = JSON.parse(await readFile(indexFilePath(dir), 'utf8')) as { format: number; signatures: Record<string, number> };
    expect(saved.format).toBe(SEARCH_INDEX_FORMAT);
    expect(Object.keys(saved.signatures).sort()).toEqual(['bilder', 'muenchen', 'strassenfest', 'willkommen-in-kladde']);
    const second = service();
    expect(ids(await second.search({ query: 'isar' }))).toEqual(['muenchen']);
    expect(second.lastReindexed).toBe(0);
    expect(logs).toEqual(['Suchindex wird neu aufgebaut']);
  });

  it('rebuilds a corrupt index or one of another format', async () => {
    for (const broken of ['{"format": 1, "engine": "minisearch-7", "index": {"nonsense": true}, "signatures": {}}', '{ kaputt', JSON.stringify({ format: SEARCH_INDEX_FORMAT + 1 })]) {
      await writeFile(indexFilePath(dir), broken);
      logs.length = 0;
      const search = service();
      expect(ids(await search.search({ query: 'isar' }))).toEqual(['muenchen']);
      expect(logs).toEqual(['Suchindex wird neu aufgebaut']);
      expect(search.lastReindexed).toBe(4); // three posts and the welcome post
      // Its delayed save of the rebuilt index must land before the next broken file is written, not after it.
      await search.stop();
    }
  });

  it('after a save re-reads only the changed post; after rename and delete the old id is gone', async () => {
    const search = service();
    await search.search({ query: 'isar' });
    const opened = await posts.open('muenchen');
    await posts.save('muenchen', opened.text.replace('Isar', 'Würm'), opened.version, false);
    await search.refresh();
    expect(search.lastReindexed).toBe(1);
    expect(await search.search({ query: 'isar' })).toEqual([]);
    expect(ids(await search.search({ query: 'wuerm' }))).toEqual(['muenchen']);

    await posts.rename('muenchen', 'tag-in-muenchen');
    await search.refresh();
    expect(ids(await search.search({ query: 'würm' }))).toEqual(['tag-in-muenchen']);

    await posts.delete('tag-in-muenchen');
    await search.refresh();
    expect(await search.search({ query: 'würm' })).toEqual([]);
  });

  it('re-reads only the posts the watcher names, and drops one whose folder went', async () => {
    const search = service();
    await search.search({ query: 'isar' });
    await writePost('neu', '---\ntitle: Neu\n---\n\nZugspitze im Nebel.\n');
    search.sink.emit('libraryChanged', { posts: ['neu'] });
    expect(ids(await search.search({ query: 'zugspitze' }))).toEqual(['neu']);
    expect(search.lastReindexed).toBe(1);
    await rm(path.join(dir, 'neu'), { recursive: true });
    await search.postChanged('neu');
    expect(await search.search({ query: 'zugspitze' })).toEqual([]);
    expect(search.lastReindexed).toBe(0);
  });

  it('keeps the body of a post with broken front matter searchable and skips binary files', async () => {
    await writePost('kaputt', '---\ntitle: [offen\n---\n\nDer Leuchtturm steht noch.\n');
    await writePost('binaer', 'Leuchtturm\0\0\0');
    const search = service();
    expect(ids(await search.search({ query: 'leuchtturm' }))).toEqual(['kaputt']);
  });
});

describe('searchLibrary over IPC', () => {
  const t = useTestServices('search-ipc');

  it('refuses over-long queries and limits, and sees a post another program writes', async () => {
    const tooLong = await t.dispatch('searchLibrary', [{ query: 'x'.repeat(201) }]);
    expect(tooLong.ok).toBe(false);
    const tooMany = await t.dispatch('searchLibrary', [{ query: 'x', limit: 1000 }]);
    expect(tooMany.ok).toBe(false);
    expect(await t.call<SearchHit[]>('searchLibrary', { query: 'Fahrradstraße' })).toEqual([]);
    const lib = path.join(t.dir, 'Bibliothek', 'radweg');
    await mkdir(lib);
    await writeFile(path.join(lib, 'index.md'), '---\ntitle: Radweg\n---\n\nDie neue Fahrradstraße ist fertig.\n');
    // The library watcher reports the new folder; the next search compares and indexes just that post.
    await vi.waitFor(async () => {
      const hits = await t.call<SearchHit[]>('searchLibrary', { query: 'fahrradstrasse' });
      expect(hits.map((h) => h.id)).toEqual(['radweg']);
    }, { timeout: 10_000, interval: 100 });
  });
});
