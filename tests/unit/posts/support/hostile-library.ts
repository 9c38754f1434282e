import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.resolve(HERE, '../../../..');
const PROBE = path.join(HERE, 'hostile-probe.ts');
/** The unprivileged user the permission cases run as when the tests run as root (root reads mode 000 anyway). */
export const NOBODY = 65534;

/** A post's front matter that expands to about 10⁹ nodes if a parser follows every alias ("billion laughs"). */
export const ALIAS_BOMB = [
  '---',
  'title: Bombe',
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
  'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
  'h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]',
  'i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]',
  '---',
  'Text.',
  '',
].join('\n');

export const LONG_ID = 'sehr-langer-ordnername-' + 'x'.repeat(200);

/** The cases whose bytes must never change by opening (and, where allowed, saving) them, by post id. */
export const FILE_CASES: Record<string, Buffer> = {
  'zeilenenden-crlf': Buffer.from('---\r\ntitle: Windows\r\n---\r\nErste Zeile\r\nZweite Zeile\r\n'),
  'zeilenenden-cr': Buffer.from('---\rtitle: Altes Mac\r---\rErste Zeile\rZweite Zeile\r'),
  'zeilenenden-gemischt': Buffer.from('---\r\ntitle: Gemischt\r\n---\r\nEins\r\nZwei\nDrei\r\n'),
  'latin-1': Buffer.concat([Buffer.from('---\ntitle: Gr'), Buffer.from([0xfc, 0xdf]), Buffer.from('e\n---\nGr'), Buffer.from([0xfc, 0xdf, 0x65]), Buffer.from(' aus K'), Buffer.from([0xf6]), Buffer.from('ln\n')]),
  binaer: Buffer.concat([Buffer.from('---\ntitle: Bin\n---\n'), Buffer.alloc(65_536 - 19, 0), Buffer.from([0xff])]).subarray(0, 65_536),
  'alias-bombe': Buffer.from(ALIAS_BOMB),
  [LONG_ID]: Buffer.from('---\ntitle: Lang\n---\nEin Beitrag mit sehr langem Ordnernamen.\n'),
  'mit-bom': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('---\r\ntitle: BOM\r\n---\r\nText\r\n')]),
};

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export async function fileHashes(root: string, ids: readonly string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const id of ids) out[id] = sha256(await readFile(path.join(root, id, 'index.md')));
  return out;
}

/**
 * Builds a library with every hostile case. The permission cases (`gesperrt` folder, `ohne-rechte` index.md with
 * mode 000) only bite a non-root reader: see {@link runProbe}.
 */
export async function buildHostileLibrary(root: string): Promise<void> {
  await mkdir(root, { recursive: true });
  const post = async (id: string, bytes: Buffer | string) => {
    await mkdir(path.join(root, id), { recursive: true });
    await writeFile(path.join(root, id, 'index.md'), bytes);
  };
  await post('gewoehnlich', '---\ntitle: Gewöhnlich\ndate: 2024-05-01\n---\nEin ganz normaler Beitrag.\n');
  for (const [id, bytes] of Object.entries(FILE_CASES)) await post(id, bytes);
  await post('yaml-kaputt', '---\ntitle: [offen\n---\nText\n');
  await post('ohne-rechte', '---\ntitle: Geheim\n---\nText\n');
  await mkdir(path.join(root, 'gesperrt'));
  await writeFile(path.join(root, 'gesperrt', 'index.md'), '---\ntitle: Gesperrt\n---\n');
  // A folder linking to itself, and an index.md linking to itself: both loop.
  await symlink('schleife', path.join(root, 'schleife'));
  await mkdir(path.join(root, 'index-schleife'));
  await symlink('index.md', path.join(root, 'index-schleife', 'index.md'));
  // Hand the library to the unprivileged user, then take the rights away where the case needs it.
  if (process.getuid?.() === 0) await chownTree(root, NOBODY);
  await chmod(path.join(root, 'ohne-rechte', 'index.md'), 0o000);
  await chmod(path.join(root, 'gesperrt'), 0o000);
}

async function chownTree(dir: string, uid: number): Promise<void> {
  await chown(dir, uid, uid);
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isSymbolicLink()) continue;
    if (e.isDirectory()) await chownTree(p, uid);
    else await chown(p, uid, uid);
  }
}

/**
 * Runs the probe script (PostStore and LibraryWatcher in a child process) as an unprivileged user, so mode-000
 * files really refuse to be read: as root through `setpriv` to uid 65534, as anyone else as themselves. The
 * library's parent folders must be searchable by that user.
 */
export async function runProbe(args: string[]): Promise<unknown> {
  const node = [process.execPath, '--import', 'tsx', PROBE, ...args];
  let command: string[];
  if (process.getuid?.() === 0) {
    if (!existsSync('/usr/bin/setpriv')) throw new Error('setpriv fehlt (Paket util-linux): nötig, um als Nicht-root zu prüfen');
    command = ['/usr/bin/setpriv', `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', ...node];
  } else command = node;
  const [file = '', ...rest] = command;
  const { stdout } = await run(file, rest, { cwd: REPO, timeout: 60_000, env: { ...process.env, TSX_DISABLE_CACHE: '1' } });
  return JSON.parse(stdout.trim().split('\n').pop() ?? 'null');
}
