import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { countText } from '../../electron/common/text/counts.js';
import { SpellService } from '../../electron/main/spell/spell-service.js';
import { locateSpellWorker, spellWorkerFactory } from '../../electron/main/spell/worker-source.js';

const WORDS = 10_000;

// Everyday German blog prose, compounds included, so the dictionary's compound rules are exercised.
const VOCABULARY = (
  'der die das und ist nicht ein eine mit auf für von wir sie es im zum zur auch noch nur schon sehr gern heute ' +
  'morgen gestern immer wieder gehen fahren schreiben lesen finden bleiben kommen machen sagen sehen denken ' +
  'Fahrrad Fahrradweg Stadt Stadtplanung Sommer Winter Urlaub Reise Bahnhof Zug Wetter Regen Sonne Garten ' +
  'Küche Rezept Kuchen Kaffee Freundin Nachbarn Familie Kinder Schule Arbeit Büro Besprechung Überschrift ' +
  'Datenschutzerklärung Rechtschreibprüfung Beitragsbild Leserinnen Kommentar Erfahrung Geschichte Woche ' +
  'schön groß klein schnell langsam wichtig einfach schwierig ruhig laut freundlich müde glücklich ' +
  'Bürgersteig Straßenbahn Wochenmarkt Gemüsesuppe Apfelkuchen Sonnenuntergang Bergwanderung Hüttenabend'
).split(' ');

/** A deterministic pseudo-random source, so every run checks the same post. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 10,000-word Markdown post with headings, links, code and about one typo in a hundred words. */
export function germanPost(words = WORDS): { text: string; typos: string[] } {
  const next = random(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const typos: string[] = [];
  const lines = ['---', 'title: Ein langer Beitrag über Fahrradwege', 'slug: ein-langer-beitrag', 'lang: de', '---', ''];
  let sentence: string[] = [];
  let paragraph: string[] = [];
  for (let i = 0; i < words; i++) {
    let word = pick(VOCABULARY);
    if (next() < 0.01 && word.length > 4) {
      const at = 1 + Math.floor(next() * (word.length - 2));
      word = word.slice(0, at) + word.slice(at + 1);
      typos.push(word);
    }
    sentence.push(sentence.length === 0 ? word.charAt(0).toUpperCase() + word.slice(1) : word);
    if (sentence.length >= 8 + Math.floor(next() * 10)) {
      paragraph.push(`${sentence.join(' ')}.`);
      sentence = [];
      if (next() < 0.1) paragraph.push('Mehr dazu [hier](https://example.com/mehr) und in `config.yml`.');
    }
    if (paragraph.length >= 5) {
      lines.push(paragraph.join(' '), '');
      paragraph = [];
      if (next() < 0.15) lines.push(`## ${pick(VOCABULARY)} und ${pick(VOCABULARY)}`, '');
      if (next() < 0.05) lines.push('```js', 'const beispiel = ladeDaten();', '```', '');
    }
  }
  lines.push(`${[...paragraph, sentence.join(' ')].join(' ')}.`, '');
  return { text: lines.join('\n'), typos };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

const ms = (value: number): string => `${value.toFixed(value < 10 ? 1 : 0)} ms`;

/**
 * Time to spell check a 10,000-word German post (cold: worker start + dictionary load + check; warm: cached
 * words), a visible-range check as the editor sends while typing, the median time for a suggestion list, and
 * how long main's event loop was blocked during the cold check (it should not be: Hunspell runs in a worker).
 */
export async function benchSpell(): Promise<string[]> {
  const distWorker = path.resolve('dist/main/spell-worker.cjs');
  const workerFile = existsSync(distWorker) ? distWorker : locateSpellWorker();
  if (!workerFile) throw new Error('Spell-Worker nicht gefunden (weder dist/main/spell-worker.cjs noch electron/main/spell/spell-worker.ts)');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kladde-spell-bench-'));
  const service = new SpellService({
    personalDictionaryPath: path.join(dir, '.kladde', 'woerterbuch.txt'),
    createWorker: spellWorkerFactory(workerFile),
  });
  try {
    // Links and headings add words of their own; scale the generator so the post counts 10,000 words.
    const first = germanPost();
    const { text, typos } = germanPost(Math.round((WORDS * WORDS) / countText(first.text).words));
    const counted = countText(text).words;

    const loop = monitorEventLoopDelay({ resolution: 1 });
    loop.enable();
    let started = performance.now();
    const cold = await service.check({ lang: 'de', text });
    const coldMs = performance.now() - started;
    loop.disable();
    if (!cold.available) throw new Error(`Rechtschreibprüfung aus: ${cold.problem?.message ?? ''}`);

    const warm: number[] = [];
    for (let i = 0; i < 7; i++) {
      started = performance.now();
      await service.check({ lang: 'de', text });
      warm.push(performance.now() - started);
    }

    // While typing the editor sends the visible lines (about 3,000 characters) around the cursor.
    const visible: number[] = [];
    for (let i = 0; i < 20; i++) {
      const from = Math.floor((text.length - 3_000) * (i / 20));
      started = performance.now();
      await service.check({ lang: 'de', text, ranges: [{ from, to: from + 3_000 }] });
      visible.push(performance.now() - started);
    }

    const words = [...new Set(cold.misspelled.map((m) => m.word))].slice(0, 20);
    const suggestions: number[] = [];
    for (const word of words) {
      started = performance.now();
      await service.suggest({ lang: 'de', word });
      suggestions.push(performance.now() - started);
    }

    return [
      `spell check (Hunspell worker from ${path.relative(process.cwd(), workerFile)}): ${counted} words, ` +
        `${cold.misspelled.length} misspellings found (${typos.length} typos planted)`,
      `  cold (worker start + dictionary load + check): ${ms(coldMs)}`,
      `  warm, whole post: median ${ms(median(warm))}`,
      `  warm, visible range (3,000 chars): median ${ms(median(visible))}`,
      `  suggestions: median ${ms(median(suggestions))} per word (${suggestions.length} words)`,
      `  main event loop during the cold check: max delay ${ms(loop.max / 1e6)}, p99 ${ms(loop.percentile(99) / 1e6)}`,
    ];
  } finally {
    await service.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
