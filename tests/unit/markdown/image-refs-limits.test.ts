import { describe, expect, it } from 'vitest';
import { findBodyImages } from '../../../electron/common/markdown/image-refs.js';
import { parsePostDocument } from '../../../electron/common/markdown/post-document.js';

/** The image scan reads what the renderer shows: a hostile block is text there, and must not overflow the stack here. */
describe('image references in a post the renderer shows partly as text', () => {
  const hostile = `---\ntitle: Tief\n---\n\nDavor\n\n${'>'.repeat(2000)} ganz unten ![x](tief.png)\n\n![Ein Bild](danach.png)\n`;

  it('finds the images outside the too-deep block, at their true positions', () => {
    const refs = findBodyImages(hostile);
    expect(refs.map((r) => r.key)).toEqual(['danach.png']);
    const [after] = refs;
    expect(hostile.slice(after?.from, after?.to)).toBe('![Ein Bild](danach.png)');
  });

  it('gives the post document its image problems instead of throwing', () => {
    const doc = parsePostDocument(hostile, { defaultLanguage: 'de', existingFiles: new Set() });
    expect(doc.images.problems.map((p) => p.file)).toContain('danach.png');
  });

  it('reads an ordinary post whole, reference images included', () => {
    const text = '---\ntitle: Normal\n---\n\nText ![Ref][bild] mehr.\n\n[bild]: foto.jpg\n';
    expect(findBodyImages(text).map((r) => r.key)).toEqual(['foto.jpg']);
  });
});
