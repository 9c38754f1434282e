import { access, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The Ghost version scripts/ci/install-ghost.mjs installs (keep both in step). */
export const GHOST_VERSION = '6.65.0';
export const INSTALL_SCRIPT = 'scripts/ci/install-ghost.mjs';

/** What the install produced: Node 22 and Ghost with its dependencies. */
export interface GhostInstall {
  root: string;
  node: string;
  ghostDir: string;
  ghostVersion: string;
  installMs: number;
}

/** The cache folder, the same rule as the install script: KLADDE_GHOST_DIR, else /var/cache as root, else ~/.cache. */
export function ghostCacheDir(): string {
  const override = process.env['KLADDE_GHOST_DIR'];
  if (override) return override;
  const base = process.getuid?.() === 0 ? '/var/cache' : (process.env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'));
  return join(base, `kladde-ghost-${GHOST_VERSION}`);
}

/** Raised when Ghost is not installed; the message names the script that installs it. */
export class GhostUnavailableError extends Error {
  constructor(root: string, detail: string) {
    super(
      `The real Ghost test server is not installed in ${root} (${detail}). ` +
        `Install it with: node ${INSTALL_SCRIPT}  (Node 22 and Ghost ${GHOST_VERSION} from npm, native modules built here; ` +
        `needs build-essential and python3, takes about 10 minutes once; .ci/run does this before npm test).`,
    );
    this.name = 'GhostUnavailableError';
  }
}

/** Finds the finished install, or throws {@link GhostUnavailableError}. */
export async function findGhostInstall(): Promise<GhostInstall> {
  const root = ghostCacheDir();
  let info: { ghost?: unknown; installMs?: unknown };
  try {
    info = JSON.parse(await readFile(join(root, 'installed.json'), 'utf8')) as typeof info;
  } catch {
    throw new GhostUnavailableError(root, 'no installed.json');
  }
  if (info.ghost !== GHOST_VERSION) throw new GhostUnavailableError(root, `it holds Ghost ${String(info.ghost)}, not ${GHOST_VERSION}`);
  const node = join(root, 'node', 'bin', 'node');
  const ghostDir = join(root, 'ghost');
  for (const file of [node, join(ghostDir, 'index.js')]) {
    try {
      await access(file);
    } catch {
      throw new GhostUnavailableError(root, `${file} is missing`);
    }
  }
  return { root, node, ghostDir, ghostVersion: GHOST_VERSION, installMs: typeof info.installMs === 'number' ? info.installMs : 0 };
}
