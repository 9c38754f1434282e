import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importPost } from '../../../electron/common/markdown/import-post.js';
import { renderPost } from '../../../electron/common/markdown/render.js';
import { hasBlocks } from '../../../electron/common/markdown/wp-block-parse.js';
import { toBlockMarkup } from '../../../electron/common/markdown/wp-blocks.js';
import { comparable, shownHtml, topLevelBlockNames } from './support/normalize.js';

const POSTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/import/posts');
const files = readdirSync(POSTS).filter((f) => f.endsWith('.html')).sort();

function roundTrip(content: string): { original: string; back: string; blocksBefore: string[]; blocksAfter: string[]; markup: string } {
  const { text } = importPost({ title: 'T', slug: 't', date: '2024-01-01 10:00:00', status: 'publish', categories: [], tags: [], excerpt: '', content });
  const markup = toBlockMarkup(renderPost(text, { featuredCredit: 'none' }));
  const blocks = hasBlocks(content) && !/^[^<\s]/.test(content.trim());
  return {
    original: comparable(shownHtml(content)),
    back: comparable(markup),
    blocksBefore: blocks ? topLevelBlockNames(content) : [],
    blocksAfter: blocks ? topLevelBlockNames(markup) : [],
    markup,
  };
}

describe('import round trip: original → importPost → render → block markup', () => {
  it(`has a corpus of real-shaped posts (${files.length})`, () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
  });

  it.each(files)('%s comes back unchanged', (file) => {
    const r = roundTrip(readFileSync(path.join(POSTS, file), 'utf8'));
    expect(r.back).toBe(r.original);
    expect(r.blocksAfter).toEqual(r.blocksBefore);
  });

  it('counts how many come back unchanged', () => {
    let same = 0;
    for (const file of files) {
      const r = roundTrip(readFileSync(path.join(POSTS, file), 'utf8'));
      if (r.back === r.original && JSON.stringify(r.blocksAfter) === JSON.stringify(r.blocksBefore)) same++;
    }
    console.log(`${same} von ${files.length} unverändert zurück`);
    expect(same).toBe(files.length);
  });
});
