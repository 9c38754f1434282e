import { mulberry32 } from './prng.js';

/**
 * The steps a user (and the world around Kladde) takes. Every choice that depends on the UI at run time (which
 * post, which line) is carried as a float `pick` in [0, 1) and mapped onto what is on screen then, so the
 * sequence itself is a pure function of the seed.
 */
export type Operation =
  /** Type marker words at the end of the post, or at the end of a random body line. */
  | { kind: 'type'; words: string[]; where: 'end' | 'line'; pick: number }
  /** Replace the title in the fields panel, then at once click into the editor and type. */
  | { kind: 'title'; titleWords: string[]; words: string[] }
  /** Type a new slug by hand, then click into the editor (the folder follows on blur) and type. */
  | { kind: 'slug'; slug: string; words: string[] }
  /** Open another post from the sidebar. */
  | { kind: 'switch'; pick: number }
  | { kind: 'create' }
  /** Rename a post through the sidebar menu. */
  | { kind: 'rename'; pick: number; slug: string }
  | { kind: 'duplicate'; pick: number }
  /** Another program (a sync client) appends a line to a post's index.md; often the open one. */
  | { kind: 'outside'; openPost: boolean; pick: number; line: string }
  /** The open post's folder disappears and a file takes its name, so its saves really fail. */
  | { kind: 'breakSave' }
  /** The folder comes back (no-op when nothing is broken). */
  | { kind: 'healSave' }
  /** Main writes a `publish:` record into a post's front matter, like after a publish; often the open one. */
  | { kind: 'publishRecord'; openPost: boolean; pick: number; remoteId: number }
  | { kind: 'reload' }
  /** Stop and start the web host (and its services) on the same library, config dir and port. */
  | { kind: 'restart' }
  /** Let real time pass, so autosave runs. */
  | { kind: 'wait'; ms: number };

export type OperationKind = Operation['kind'];

export const WEIGHTS: Readonly<Record<OperationKind, number>> = {
  type: 34,
  title: 7,
  slug: 4,
  switch: 10,
  create: 4,
  rename: 4,
  duplicate: 3,
  outside: 6,
  breakSave: 3,
  healSave: 5,
  publishRecord: 4,
  reload: 5,
  restart: 3,
  wait: 8,
};

/** Distinctive, plain lowercase words: no typography, spelling or quote rule touches them. */
export const MARKER = /wort\d+x/g;

export function markerWord(n: number): string {
  return `wort${n}x`;
}

export function generateOperations(seed: number, steps: number, weights: Readonly<Record<OperationKind, number>> = WEIGHTS): Operation[] {
  const rng = mulberry32(seed);
  let marker = 0;
  let slug = 0;
  let line = 0;
  const words = (min: number, max: number): string[] => {
    const out: string[] = [];
    for (let i = rng.int(min, max); i > 0; i--) out.push(markerWord(++marker));
    return out;
  };
  const ops: Operation[] = [];
  for (let i = 0; i < steps; i++) {
    const kind = rng.weighted(weights);
    switch (kind) {
      case 'type':
        ops.push({ kind, where: rng.chance(0.5) ? 'end' : 'line', pick: rng.next(), words: words(1, 3) });
        break;
      case 'title':
        ops.push({ kind, titleWords: words(1, 2), words: words(1, 3) });
        break;
      case 'slug':
        ops.push({ kind, slug: `seite-${++slug}`, words: words(1, 2) });
        break;
      case 'switch':
      case 'duplicate':
        ops.push({ kind, pick: rng.next() });
        break;
      case 'rename':
        ops.push({ kind, pick: rng.next(), slug: `umbenannt-${++slug}` });
        break;
      case 'outside':
        ops.push({ kind, openPost: rng.chance(0.7), pick: rng.next(), line: `Von außen ergänzt, Zeile ${++line}.` });
        break;
      case 'publishRecord':
        ops.push({ kind, openPost: rng.chance(0.7), pick: rng.next(), remoteId: rng.int(100, 99999) });
        break;
      case 'wait':
        ops.push({ kind, ms: rng.int(1100, 1600) });
        break;
      case 'create':
      case 'breakSave':
      case 'healSave':
      case 'reload':
      case 'restart':
        ops.push({ kind });
        break;
    }
  }
  return ops;
}

/** One line per operation for the step log. */
export function describeOperation(op: Operation): string {
  switch (op.kind) {
    case 'type':
      return `tippen (${op.where === 'end' ? 'am Ende' : `Zeile ${op.pick.toFixed(3)}`}): ${op.words.join(' ')}`;
    case 'title':
      return `Titel „Titel ${op.titleWords.join(' ')}“, dann tippen: ${op.words.join(' ')}`;
    case 'slug':
      return `Slug „${op.slug}“, dann tippen: ${op.words.join(' ')}`;
    case 'switch':
      return `Beitrag wechseln (${op.pick.toFixed(3)})`;
    case 'create':
      return 'neuer Beitrag';
    case 'rename':
      return `umbenennen (${op.pick.toFixed(3)}) in „${op.slug}“`;
    case 'duplicate':
      return `duplizieren (${op.pick.toFixed(3)})`;
    case 'outside':
      return `Änderung von außen (${op.openPost ? 'offener Beitrag' : op.pick.toFixed(3)})`;
    case 'breakSave':
      return 'Speichern scheitern lassen (Ordner weg, Datei an seiner Stelle)';
    case 'healSave':
      return 'Ordner zurück';
    case 'publishRecord':
      return `publish-Eintrag von main (${op.openPost ? 'offener Beitrag' : op.pick.toFixed(3)}, id ${op.remoteId})`;
    case 'reload':
      return 'Seite neu laden';
    case 'restart':
      return 'Web-Host neu starten';
    case 'wait':
      return `${op.ms} ms warten`;
  }
}
