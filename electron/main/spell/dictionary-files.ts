import { createRequire } from 'node:module';
import path from 'node:path';
import type { SpellLanguage } from '../../common/model/spell.js';

export interface DictionaryFiles {
  aff: string;
  dic: string;
}

/** The npm package holding each language's Hunspell files (wooorm/dictionaries; en is American English). */
export const DICTIONARY_PACKAGES: Readonly<Record<SpellLanguage, string>> = {
  'de-DE': 'dictionary-de',
  'de-AT': 'dictionary-de-at',
  'de-CH': 'dictionary-de-ch',
  en: 'dictionary-en',
};

/**
 * The .aff/.dic files of a language, found through Node's resolution from this module (so from node_modules
 * beside the source, the bundle or inside app.asar). The packages' own index.js reads them with top-level
 * await, which a worker or a bundle does not need: only the files are used. Throws when a package is missing.
 */
export function npmDictionaryFiles(language: SpellLanguage): DictionaryFiles {
  const require = createRequire(import.meta.url);
  const dir = path.dirname(require.resolve(DICTIONARY_PACKAGES[language]));
  return { aff: path.join(dir, 'index.aff'), dic: path.join(dir, 'index.dic') };
}
