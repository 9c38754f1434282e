import { describe, expect, it } from 'vitest';
import { bodyOpensWithFeaturedImage, leavesOutFeaturedImage, setFeaturedTwice } from '../../../electron/common/markdown/featured-twice.js';
import { parseFrontMatter } from '../../../electron/common/markdown/front-matter.js';

const post = (front: string, body: string) => `---\ntitle: Test\nimage: kopf.png\n${front}---\n${body}`;

describe('featured image twice', () => {
  it.each([
    ['the same photo as the first figure', post('', '\n![Kopf](kopf.png)\n\nText\n'), true],
    ['the same photo after a paragraph', post('', 'Erst Text.\n\n![Kopf](kopf.png)\n'), false],
    ['another photo first', post('', '![Bild](anderes.png)\n\n![Kopf](kopf.png)\n'), false],
    ['the photo inside a sentence', post('', 'Ein ![Kopf](kopf.png) im Satz\n'), false],
    ['a folder path of the same file', post('', '![Kopf](./kopf.png)\n'), true],
  ])('%s', (_name, text, expected) => {
    expect(bodyOpensWithFeaturedImage(text)).toBe(expected);
  });

  it('the post’s choice beats the blog’s, and only counts when the body opens with the photo', () => {
    const data = (text: string) => {
      const parsed = parseFrontMatter(text);
      return parsed.ok ? parsed.data : {};
    };
    const opens = post('', '![Kopf](kopf.png)\n');
    expect(leavesOutFeaturedImage(opens, data(opens), undefined)).toBe(false);
    expect(leavesOutFeaturedImage(opens, data(opens), 'body')).toBe(true);
    const both = post('featured_twice: both\n', '![Kopf](kopf.png)\n');
    expect(leavesOutFeaturedImage(both, data(both), 'body')).toBe(false);
    const own = post('featured_twice: body\n', '![Kopf](kopf.png)\n');
    expect(leavesOutFeaturedImage(own, data(own), 'ask')).toBe(true);
    const later = post('featured_twice: body\n', 'Text\n\n![Kopf](kopf.png)\n');
    expect(leavesOutFeaturedImage(later, data(later), 'body')).toBe(false);
  });

  it('writes only its own line into the front matter', () => {
    const text = '---\ntitle: "Test"  # Kommentar\nimage: kopf.png\n---\n![Kopf](kopf.png)\n';
    const written = setFeaturedTwice(text, 'body');
    expect(written).toBe('---\ntitle: "Test"  # Kommentar\nimage: kopf.png\nfeatured_twice: body\n---\n![Kopf](kopf.png)\n');
    expect(setFeaturedTwice(written ?? '', null)).toBe(text);
  });
});
