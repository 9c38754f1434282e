import { describe, expect, it } from 'vitest';
import { readImages } from '../../../electron/common/markdown/front-matter-images.js';
import { parseFrontMatter, splitFrontMatter } from '../../../electron/common/markdown/front-matter.js';
import { importPost } from '../../../electron/common/markdown/import-post.js';
import { renderPost } from '../../../electron/common/markdown/render.js';
import { toBlockMarkup } from '../../../electron/common/markdown/wp-blocks.js';

const UPLOADS = 'https://blog.example.de/wp-content/uploads/2024/05/';

// A Kladde post with every licence's credit shape: publishing it (render → block markup with uploaded addresses)
// and importing the result must give back the same body and the same credit fields.
const post = (lang: string) => `---
title: Ein Tag am Meer
lang: ${lang}
images:
  hafen.jpg:
    alt: Der Hafen
    author: Rike
    source: pixelio.de
    license: pixelio
  wolke.jpg:
    alt: Eine Wolke
    caption: Wolken über dem Meer
    title: Wolke
    author: Kim
    sourceUrl: https://commons.wikimedia.org/wiki/File:Wolke.jpg
    license: cc-by-sa-4.0
    modified: true
  katze.jpg:
    alt: Katze
    author: Anna
    source: Pixabay
    license: pixabay
  strand.jpg:
    alt: Strand
    caption: Nur eine Unterschrift
---

Am Morgen gingen wir los.

![Der Hafen](hafen.jpg)

## Unterwegs

- Muscheln
- Steine

![Eine Wolke](wolke.jpg)

> Das Meer ist schön.

![Katze](katze.jpg)

![Strand](strand.jpg)
`;

describe('a Kladde post published and imported again keeps body and credits', () => {
  it.each(['de', 'en'])('%s', (lang) => {
    const text = post(lang);
    const markup = toBlockMarkup(renderPost(text, { resolveImage: (src) => UPLOADS + src, featuredCredit: 'none' }));
    const back = importPost({ title: 'Ein Tag am Meer', slug: 'ein-tag', date: '2024-05-01 10:00:00', status: 'draft', categories: [], tags: [], excerpt: '', content: markup, lang });
    expect(splitFrontMatter(back.text).body.trim()).toBe(splitFrontMatter(text).body.trim());
    expect(readImages(back.text).images).toEqual(readImages(text).images);
    const fm = parseFrontMatter(back.text);
    expect(fm.ok && fm.fields.lang).toBe(lang);
    expect(back.images.map((i) => i.url)).toEqual(['hafen.jpg', 'wolke.jpg', 'katze.jpg', 'strand.jpg'].map((f) => UPLOADS + f));
  });
});
