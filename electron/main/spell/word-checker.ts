import type { SpellToken } from '../../common/text/spell-tokens.js';

/** The two Hunspell calls the checker needs; hunspell-asm's instances have exactly these. */
export interface Speller {
  spell(word: string): boolean;
  suggest(word: string): string[];
}

export interface WordCheckerOptions {
  /**
   * Swiss spelling on top of the de-CH dictionary: npm's dictionary-de-ch (3.0.0) still lists „Straße“ and
   * rejects „Strasse“, but Swiss Standard German never writes ß. So a word with ß is wrong, and a word with
   * ss is right when the dictionary knows it with ß in any of those places.
   */
  swiss?: boolean;
  /** German allows an apostrophe before an elided -es: „geht’s“, „gibt's“; Hunspell's de files do not. */
  elidedEs?: boolean;
}

const CACHE_LIMIT = 200_000;
const MAX_SWISS_VARIANTS = 32;

/**
 * Decides which tokens are misspelt, on top of one Hunspell instance. Answers are cached per word, since
 * a document repeats its words and a check runs on every pause in typing.
 */
export class WordChecker {
  private readonly cache = new Map<string, boolean>();

  constructor(
    private readonly speller: Speller,
    private readonly options: WordCheckerOptions = {},
  ) {}

  /** The tokens of `text` that are misspelt. A hyphenated compound is narrowed to its wrong parts. */
  misspelled(text: string, tokens: readonly SpellToken[]): SpellToken[] {
    const wrong: SpellToken[] = [];
    for (const token of tokens) {
      if (this.acceptable(token.word, text, token.to)) continue;
      const parts = token.word.includes('-') ? this.wrongParts(text, token) : [];
      if (parts.length > 0) wrong.push(...parts);
      else wrong.push(token);
    }
    return wrong;
  }

  isCorrect(word: string): boolean {
    const known = this.cache.get(word);
    if (known !== undefined) return known;
    const correct = this.lookUp(word);
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(word, correct);
    return correct;
  }

  /** Up to `limit` suggestions for a misspelt word, never the word itself, in the dictionary's order. */
  suggest(word: string, limit: number): string[] {
    // Hunspell would offer neighbours even for a correct word; the UI asks only about wrong ones.
    if (this.isCorrect(word)) return [];
    let raw = this.speller.suggest(word);
    if (this.options.swiss) {
      const withoutEszett = word.replace(/ß/g, 'ss');
      raw = [withoutEszett, ...raw.map((s) => s.replace(/ß/g, 'ss'))].filter((s) => this.isCorrect(s));
    }
    const seen = new Set<string>([word]);
    const result: string[] = [];
    // Hunspell also offers bare compound parts („-straße“); they only fit where the word itself is one.
    const partOk = word.startsWith('-') || word.endsWith('-');
    for (const suggestion of raw) {
      if (seen.has(suggestion)) continue;
      if (!partOk && (suggestion.startsWith('-') || suggestion.endsWith('-'))) continue;
      seen.add(suggestion);
      result.push(suggestion);
      if (result.length >= limit) break;
    }
    return result;
  }

  /** Correct as it stands, or as an abbreviation with the full stop that follows it („usw.“, „bzw.“). */
  private acceptable(word: string, text: string, end: number): boolean {
    if (this.isCorrect(word)) return true;
    return text.charCodeAt(end) === 46 && this.isCorrect(`${word}.`);
  }

  private wrongParts(text: string, token: SpellToken): SpellToken[] {
    const raw = text.slice(token.from, token.to);
    const parts: SpellToken[] = [];
    const pattern = /[^-]+/g;
    let part: RegExpExecArray | null;
    while ((part = pattern.exec(raw)) !== null) {
      const word = part[0].replace(/\u00AD/g, '').normalize('NFC');
      const letters = word.replace(/[^\p{L}]/gu, '');
      if (letters.length < 2 || this.isCorrect(word)) continue;
      const from = token.from + part.index;
      parts.push({ from, to: from + part[0].length, word });
    }
    return parts;
  }

  private lookUp(word: string): boolean {
    if (this.options.swiss) return this.swissLookUp(word);
    if (this.speller.spell(word)) return true;
    if (this.options.elidedEs) {
      const elided = /^(.+)['’ʼ]s$/u.exec(word);
      if (elided?.[1] && this.speller.spell(elided[1])) return true;
    }
    return false;
  }

  private swissLookUp(word: string): boolean {
    if (word.includes('ß')) return false;
    const plain = (candidate: string): boolean => {
      if (this.speller.spell(candidate)) return true;
      const elided = /^(.+)['’ʼ]s$/u.exec(candidate);
      return Boolean(elided?.[1] && this.speller.spell(elided[1]));
    };
    return eszettVariants(word).some(plain);
  }
}

/** The word itself, then every way of writing some of its „ss“ as „ß“ (Strasse → Straße), bounded. */
export function eszettVariants(word: string): string[] {
  const variants = [word];
  const walk = (from: number, current: string): void => {
    for (let i = current.indexOf('ss', from); i !== -1; i = current.indexOf('ss', i + 1)) {
      if (variants.length >= MAX_SWISS_VARIANTS) return;
      const next = `${current.slice(0, i)}ß${current.slice(i + 2)}`;
      variants.push(next);
      walk(i + 1, next);
    }
  };
  walk(0, word);
  return variants;
}
