import { removeAccents } from '../../common/text/slug.js';

const MAX_BASE = 80;
// Names Windows will not create, whatever the extension; a library may live on a shared or USB drive.
const RESERVED = /^(?:con|prn|aux|nul|com[0-9]|lpt[0-9])$/;

/**
 * The stem of a stored image's file name: German transliteration (ä→ae, ß→ss), lower case, only `a-z`, `0-9`
 * and single dashes — no spaces, nothing that needs quoting in Markdown or a URL. `Über den Wolken.JPG` →
 * `ueber-den-wolken`. Falls back to `bild`.
 */
export function safeImageStem(suggested: string): string {
  const base = suggested.replace(/^.*[\\/]/, '');
  const dot = base.lastIndexOf('.');
  const stem = dot > 0 ? base.slice(0, dot) : base;
  // WordPress's German transliteration (also what it applies to uploaded file names), then any accent left.
  const clean = removeAccents(stem)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_BASE)
    .replace(/-+$/, '');
  if (!clean) return 'bild';
  return RESERVED.test(clean) ? `${clean}-bild` : clean;
}

/** `stem.ext`, `stem-2.ext`, `stem-3.ext`, … */
export function numberedName(stem: string, extension: string, n: number): string {
  return n <= 1 ? `${stem}.${extension}` : `${stem}-${n}.${extension}`;
}
