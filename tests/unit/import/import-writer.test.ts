import { describe, expect, it } from 'vitest';
import { readImages } from '../../../electron/common/markdown/front-matter-images.js';
import { folderStem, mediaFinder, mediaUrlKey, textHash } from '../../../electron/main/import/import-writer.js';
import { retargetImage } from '../../../electron/main/import/retarget-images.js';

const POST = `---
title: Am See
image: titel.png
publish:
  mein-blog:
    id: 7
    media:
      see.jpg: { hash: abc, id: 11, url: https://b.de/see.jpg }
images:
  see.jpg:
    author: Rike
    source: pixelio.de
---

Text.

![Der See](see.jpg)

Noch einmal: ![klein](see.jpg "Titel")
`;

describe('textHash', () => {
  it('leaves the publish records out and nothing else', () => {
    const otherRecord = POST.replace('id: 7', 'id: 8').replace('hash: abc', 'hash: def');
    const withoutRecord = POST.replace(/publish:\n(?: {2}.*\n)+/, '');
    expect(textHash(otherRecord)).toBe(textHash(POST));
    expect(textHash(withoutRecord)).toBe(textHash(POST));
    expect(textHash(POST.replace('Text.', 'Anders.'))).not.toBe(textHash(POST));
    expect(textHash(POST.replace('title: Am See', 'title: Am Meer'))).not.toBe(textHash(POST));
    expect(textHash('kein Front Matter')).not.toBe(textHash('kein Front Matter.'));
  });
});

describe('folderStem', () => {
  it.each([
    ['am-see', 'Am See', 'am-see'],
    ['', 'Grüße aus Köln', 'gruesse-aus-koeln'],
    ['%e2%9c%88-reise', 'x', '%e2%9c%88-reise'],
    ['../../etc/passwd', 'x', 'etc-passwd'],
    ['..', '..', 'beitrag'],
    ['%zz', 'Titel', 'zz'],
  ])('%s / %s → %s', (slug, title, expected) => {
    expect(folderStem(slug, title)).toBe(expected);
  });
});

describe('media by address', () => {
  it('matches size variants, scheme and query of one media item', () => {
    expect(mediaUrlKey('https://B.de/wp-content/uploads/see-300x200.JPG?ver=2')).toBe('b.de/wp-content/uploads/see.jpg');
    expect(mediaUrlKey('http://b.de/a/bild-scaled.jpg')).toBe('b.de/a/bild.jpg');
    const find = mediaFinder([{ url: 'https://b.de/u/see-1024x768.jpg', id: '11', sourceUrl: 'https://b.de/u/see.jpg' }]);
    expect(find(['http://b.de/u/see-300x200.jpg'])?.id).toBe('11');
    expect(find(['https://b.de/u/anderes.jpg'])).toBeUndefined();
  });
});

describe('retargetImage', () => {
  it('points body and featured references at another file and moves the credit', () => {
    const out = retargetImage(POST, 'see.jpg', 'https://b.de/u/see (1).jpg');
    expect(out).toContain('![Der See](https://b.de/u/see%20%281%29.jpg)');
    expect(out).toContain('![klein](https://b.de/u/see%20%281%29.jpg "Titel")');
    expect(readImages(out).images).toEqual({ 'https://b.de/u/see%20%281%29.jpg': { author: 'Rike', source: 'pixelio.de' } });
    const back = retargetImage(out, 'https://b.de/u/see%20%281%29.jpg', 'see.jpg');
    expect(back).toContain('![Der See](see.jpg)');
    expect(readImages(back).images['see.jpg']).toEqual({ author: 'Rike', source: 'pixelio.de' });
    const featured = retargetImage(POST, 'titel.png', 'https://b.de/u/titel.png');
    expect(featured).toContain('image: https://b.de/u/titel.png\n');
    expect(featured.replace('image: https://b.de/u/titel.png', 'image: titel.png')).toBe(POST);
  });
});
