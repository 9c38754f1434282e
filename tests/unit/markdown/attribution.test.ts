import { describe, expect, it } from 'vitest';
import {
  applyCreditPatch,
  creditPatchSchema,
  imageCreditSchema,
  LICENSE_PRESETS,
  LICENSES,
  licenseFromUrl,
  missingCreditFields,
  presetPatch,
  REQUIRED_FIELDS,
  type CreditField,
  type ImageCredit,
  type License,
} from '../../../electron/common/model/attribution.js';

const FULL: Required<Omit<ImageCredit, 'license'>> = {
  alt: 'Ein Sonnenuntergang',
  caption: 'Abendrot',
  title: 'Sonnenuntergang',
  author: 'Rike',
  source: 'pixelio.de',
  sourceUrl: 'https://www.pixelio.de/media/1',
  licenseUrl: 'https://example.org/lizenz',
  modified: false,
};

// The rules, written out once more by hand: the table in attribution.ts must say exactly this.
const EXPECTED: Record<License, CreditField[]> = {
  pixelio: ['alt', 'license', 'author', 'source'],
  pixabay: ['alt', 'license'],
  unsplash: ['alt', 'license'],
  cc0: ['alt', 'license'],
  'cc-by-4.0': ['alt', 'license', 'title', 'author', 'sourceUrl'],
  'cc-by-sa-4.0': ['alt', 'license', 'title', 'author', 'sourceUrl'],
  'cc-by-nd-4.0': ['alt', 'license', 'title', 'author', 'sourceUrl'],
  'cc-by-nc-4.0': ['alt', 'license', 'title', 'author', 'sourceUrl'],
  own: ['alt', 'license'],
  other: ['alt', 'license', 'author', 'source'],
};

describe('required credit fields', () => {
  it.each(LICENSES.map((l) => [l]))('%s requires exactly its row', (license) => {
    expect([...REQUIRED_FIELDS[license]]).toEqual(EXPECTED[license]);
    const complete: ImageCredit = { ...FULL, license };
    expect(missingCreditFields(complete)).toEqual([]);
    // A credit with only the required fields is complete…
    const minimal = Object.fromEntries(EXPECTED[license].map((f) => [f, f === 'license' ? license : (FULL as Record<string, unknown>)[f]]));
    expect(missingCreditFields(minimal as ImageCredit)).toEqual([]);
    // …and each required field, when dropped or blank, is reported alone.
    for (const field of EXPECTED[license]) {
      const without: Record<string, unknown> = { ...complete };
      delete without[field];
      expect(missingCreditFields(without as ImageCredit), `${license} without ${field}`).toEqual([field]);
      if (field !== 'license') {
        expect(missingCreditFields({ ...complete, [field]: '   ' }), `${license} with blank ${field}`).toEqual([field]);
      }
    }
  });

  it('counts the Markdown alt text as alt', () => {
    expect(missingCreditFields({ license: 'own' }, 'Ein Hund')).toEqual([]);
    expect(missingCreditFields({ license: 'own' }, '  ')).toEqual(['alt']);
  });

  it('asks for alt and licence when there is no entry', () => {
    expect(missingCreditFields(undefined)).toEqual(['alt', 'license']);
    expect(missingCreditFields(undefined, 'Alt')).toEqual(['license']);
    expect(missingCreditFields({ author: 'Rike' }, 'Alt')).toEqual(['license']);
  });
});

describe('licence presets', () => {
  it('has one preset per licence with http(s) URLs', () => {
    for (const license of LICENSES) {
      const preset = LICENSE_PRESETS[license];
      expect(preset.license).toBe(license);
      for (const url of [preset.licenseUrl, preset.siteUrl]) if (url) expect(url).toMatch(/^https:\/\//);
    }
    expect(LICENSE_PRESETS.pixelio.source).toBe('pixelio.de');
    expect(LICENSE_PRESETS['cc-by-sa-4.0'].licenseUrl).toBe('https://creativecommons.org/licenses/by-sa/4.0/');
  });

  it('fills licence URL and source only where empty', () => {
    expect(presetPatch({}, 'pixelio')).toEqual({
      license: 'pixelio',
      licenseUrl: 'https://www.pixelio.de/static/nutzungsbedingungen',
      source: 'pixelio.de',
    });
    expect(presetPatch({ source: 'Eigenes Archiv' }, 'pixelio')).toEqual({
      license: 'pixelio',
      licenseUrl: 'https://www.pixelio.de/static/nutzungsbedingungen',
    });
  });

  it('replaces the previous preset’s defaults when switching', () => {
    const pixelio = applyCreditPatch({ author: 'Rike' }, presetPatch({}, 'pixelio'));
    const unsplash = applyCreditPatch(pixelio, presetPatch(pixelio, 'unsplash'));
    expect(unsplash).toEqual({ author: 'Rike', license: 'unsplash', source: 'Unsplash', licenseUrl: 'https://unsplash.com/license' });
    const own = applyCreditPatch(unsplash, presetPatch(unsplash, 'own'));
    expect(own).toEqual({ author: 'Rike', license: 'own' });
  });

  it.each([
    ['https://creativecommons.org/licenses/by/4.0/', 'cc-by-4.0'],
    ['http://creativecommons.org/licenses/by-sa/4.0/deed.de', 'cc-by-sa-4.0'],
    ['https://creativecommons.org/licenses/by-nc/4.0/', 'cc-by-nc-4.0'],
    ['https://creativecommons.org/licenses/by-nd/4.0', 'cc-by-nd-4.0'],
    ['https://creativecommons.org/publicdomain/zero/1.0/', 'cc0'],
    ['https://creativecommons.org/licenses/by/2.0/', undefined],
    ['https://creativecommons.org/licenses/by-nc-sa/4.0/', undefined],
    ['https://www.pixelio.de/static/nutzungsbedingungen', 'pixelio'],
    ['https://unsplash.com/license', 'unsplash'],
    ['https://example.org/', undefined],
  ])('recognises %s', (url, license) => {
    expect(licenseFromUrl(url)).toBe(license);
  });
});

describe('credit schemas', () => {
  it('accepts only http(s) URLs', () => {
    expect(imageCreditSchema.safeParse({ sourceUrl: 'https://x.de/a' }).success).toBe(true);
    expect(imageCreditSchema.safeParse({ sourceUrl: 'javascript:alert(1)' }).success).toBe(false);
    expect(creditPatchSchema.safeParse({ licenseUrl: '' }).success).toBe(true);
    expect(creditPatchSchema.safeParse({ licenseUrl: 'file:///etc/passwd' }).success).toBe(false);
  });
  it('refuses unknown licences and keys in a patch', () => {
    expect(creditPatchSchema.safeParse({ license: 'cc-by-3.0' }).success).toBe(false);
    expect(creditPatchSchema.safeParse({ photographer: 'x' }).success).toBe(false);
  });
  it('applies a patch: empty, null and false remove', () => {
    expect(applyCreditPatch({ alt: 'a', author: 'b', modified: true }, { alt: '', author: null, modified: false, title: 'T' })).toEqual({ title: 'T' });
  });
});
