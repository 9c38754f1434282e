import { mkdir, open, stat } from 'node:fs/promises';
import path from 'node:path';
import { SPELL_LIMITS } from '../../common/model/spell.js';

/** More than any word list a person writes; a bigger file is read only this far. */
const MAX_FILE_BYTES = 4 * 1024 * 1024;

/**
 * Words accepted by spelling rules a writer expects: the word as listed, its capitalised form at the start
 * of a sentence (listed „kladde“ accepts „Kladde“) and its all-caps form (listed „Kladde“ accepts „KLADDE“).
 * A listed capital is kept: „Kladde“ does not accept „kladde“.
 */
export class WordSet {
  private readonly exact = new Set<string>();
  private readonly upper = new Set<string>();

  constructor(words: Iterable<string> = []) {
    for (const word of words) this.add(word);
  }

  get size(): number {
    return this.exact.size;
  }

  /** Adds a word; false if it was there already. */
  add(word: string): boolean {
    const normal = word.normalize('NFC');
    if (this.exact.has(normal)) return false;
    this.exact.add(normal);
    this.upper.add(normal.toUpperCase());
    return true;
  }

  hasExactly(word: string): boolean {
    return this.exact.has(word.normalize('NFC'));
  }

  matches(word: string): boolean {
    const normal = word.normalize('NFC');
    if (this.exact.has(normal)) return true;
    const first = normal.charAt(0);
    const rest = normal.slice(1);
    if (first !== first.toLowerCase() && this.exact.has(first.toLowerCase() + rest)) return true;
    return normal === normal.toUpperCase() && normal !== normal.toLowerCase() && this.upper.has(normal);
  }
}

/**
 * Reads a personal word list: UTF-8 (a BOM is dropped), one word per line, any line ending. Blank lines,
 * `#` comments, lines longer than a word may be, and lines with control characters, inner spaces or bytes
 * that are not UTF-8 (binary garbage) are ignored rather than rejected, so a damaged file still works.
 */
export function parseWordList(bytes: Uint8Array): string[] {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const words: string[] = [];
  for (const rawLine of text.split(/\r\n|\r|\n/)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#') || line.length > SPELL_LIMITS.wordChars) continue;
    if (/[\s\p{Cc}\uFFFD]/u.test(line)) continue;
    words.push(line.normalize('NFC'));
  }
  return words;
}

/**
 * The personal dictionary: a plain text file in the library (`.kladde/woerterbuch.txt`), one word per line,
 * so it can be shared, diffed and edited by hand. Edits made outside Kladde are picked up on the next check;
 * words added here are appended (the rest of the file is never rewritten) and count at once.
 */
export class PersonalDictionary {
  private words = new WordSet();
  private stamp = '';
  /** Reads and writes run one after the other, so a refresh never drops a word being added. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly file: string,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  matches(word: string): boolean {
    return this.words.matches(word);
  }

  /** Re-reads the file if it changed since the last look (one stat per call otherwise). Never throws. */
  refresh(): Promise<void> {
    return this.enqueue(() => this.reload());
  }

  /** Appends a word to the file unless it is listed already; true if it was added. */
  add(word: string): Promise<boolean> {
    return this.enqueue(async () => {
      await this.reload();
      const normal = word.normalize('NFC');
      if (this.words.hasExactly(normal)) return false;
      await this.append(normal);
      this.words.add(normal);
      return true;
    });
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async reload(): Promise<void> {
    let stamp: string;
    try {
      const info = await stat(this.file);
      stamp = `${info.ino}:${info.size}:${info.mtimeMs}`;
    } catch {
      stamp = 'missing';
    }
    if (stamp === this.stamp) return;
    this.stamp = stamp;
    if (stamp === 'missing') {
      this.words = new WordSet();
      return;
    }
    try {
      this.words = new WordSet(parseWordList(await readHead(this.file, MAX_FILE_BYTES)));
    } catch (error) {
      this.words = new WordSet();
      this.log(`Persönliches Wörterbuch nicht lesbar: ${(error as NodeJS.ErrnoException).code ?? 'unbekannt'}`);
    }
  }

  private async append(word: string): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    const handle = await open(this.file, 'a+');
    try {
      const { size } = await handle.stat();
      const tail = Buffer.alloc(Math.min(size, 2));
      if (tail.length > 0) await handle.read(tail, 0, tail.length, size - tail.length);
      // Keep the file's own line ending and never glue the word onto an unterminated last line.
      const eol = tail.length === 2 && tail[0] === 0x0d && tail[1] === 0x0a ? '\r\n' : '\n';
      const lastByte = tail[tail.length - 1];
      const separator = size === 0 || lastByte === 0x0a || lastByte === 0x0d ? '' : eol;
      await handle.write(`${separator}${word}${eol}`);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
}

async function readHead(file: string, maxBytes: number): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(Math.min(size, maxBytes));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
