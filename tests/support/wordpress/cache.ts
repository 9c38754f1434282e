import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { cp, mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { MARIADB_OPTIONS, initialiseDataDir, startMariaDb } from './mariadb.js';
import { INSTALL_PHP, ROUTER_PHP, WP_CONFIG_PHP, instanceConfigPhp, saltsPhp } from './php-files.js';
import { execErrorDetail, processAlive, stopGroup } from './processes.js';
import { reapStaleInstances, writeRecord } from './records.js';
import { DEBIAN_WORDPRESS, type WordPressTools } from './requirements.js';

const run = promisify(execFile);

/** What the one-time install produced; the same for every server started from this cache. */
export interface TemplateInfo {
  user: string;
  password: string;
  appPassword: string;
  userId: number;
  wordpressVersion: string;
  /** How long building the cache took, in milliseconds. */
  buildMs: number;
}

/** A ready cache: a WordPress copy plus an installed, cleanly shut down database to copy for each server. */
export interface WordPressCache {
  root: string;
  /** The WordPress copy; also the web server's document root. Ends without a slash. */
  wordpressDir: string;
  routerFile: string;
  templateDb: string;
  instancesDir: string;
  template: TemplateInfo;
  /** True when this call built the cache (a cold start). */
  built: boolean;
}

const CACHE_PREFIX = 'kladde-wordpress-';

/**
 * The cache folder. Its name carries the WordPress version and a hash of everything the build writes, so a
 * package upgrade or a change to the PHP files here leads to a fresh build instead of a stale copy.
 */
export function cacheRoot(tools: WordPressTools): string {
  const override = process.env['KLADDE_WP_CACHE'];
  if (override) return override;
  const hash = createHash('sha256')
    .update(JSON.stringify([tools.wordpressVersion, WP_CONFIG_PHP, ROUTER_PHP, INSTALL_PHP, MARIADB_OPTIONS]))
    .digest('hex')
    .slice(0, 10);
  return join(tmpdir(), `${CACHE_PREFIX}${tools.wordpressVersion}-${hash}`);
}

function layout(root: string): Omit<WordPressCache, 'template' | 'built'> {
  return {
    root,
    wordpressDir: join(root, 'wordpress'),
    routerFile: join(root, 'router.php'),
    templateDb: join(root, 'template-db'),
    instancesDir: join(root, 'instances'),
  };
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Reads a complete cache, or returns null when anything is missing (an interrupted build, a wiped folder). */
async function readCache(root: string): Promise<WordPressCache | null> {
  const paths = layout(root);
  try {
    const template = JSON.parse(await readFile(join(root, 'template.json'), 'utf8')) as TemplateInfo;
    if (typeof template.appPassword !== 'string' || typeof template.user !== 'string') return null;
    const needed = [
      join(paths.wordpressDir, 'wp-settings.php'),
      join(paths.wordpressDir, 'wp-config.php'),
      join(paths.wordpressDir, 'wp-salts.php'),
      join(paths.wordpressDir, 'wp-content', 'languages', 'de_DE.mo'),
      paths.routerFile,
      join(paths.templateDb, 'mysql'),
      join(paths.templateDb, 'wordpress', 'wp_options.frm'),
      join(paths.templateDb, 'wordpress', 'wp_posts.ibd'),
    ];
    for (const file of needed) if (!(await exists(file))) return null;
    return { ...paths, template, built: false };
  } catch {
    return null;
  }
}

/** Serialises cache builds across processes (two test runs starting cold at once). */
async function withBuildLock<T>(root: string, work: () => Promise<T>): Promise<T> {
  const lock = `${root}.lock`;
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      await mkdir(lock);
      await writeFile(join(lock, 'owner'), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(await readFile(join(lock, 'owner'), 'utf8').catch(() => ''));
      const age = Date.now() - (await stat(lock).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
      // A lock whose builder died is taken over; a fresh lock without owner file is still being written.
      if ((owner > 0 && !processAlive(owner)) || (owner === 0 && age > 10_000)) {
        await rm(lock, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`Timed out waiting for the WordPress cache build lock ${lock}`);
      await sleep(200);
    }
  }
  try {
    return await work();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

/**
 * Returns the cache, building it first when it is missing or incomplete: copies Debian's WordPress, writes our
 * wp-config.php, installs WordPress into a fresh MariaDB and keeps that data folder as the template.
 */
export async function ensureCache(tools: WordPressTools): Promise<WordPressCache> {
  const root = cacheRoot(tools);
  const ready = await readCache(root);
  if (ready) return ready;
  return withBuildLock(root, async () => {
    const builtMeanwhile = await readCache(root);
    if (builtMeanwhile) return builtMeanwhile;
    const started = Date.now();
    const paths = layout(root);
    // An interrupted earlier build may have left its MariaDB running on the folder about to be deleted.
    await reapStaleInstances(paths.instancesDir);
    await rm(root, { recursive: true, force: true });
    await mkdir(paths.instancesDir, { recursive: true });
    await copyWordPress(paths.wordpressDir);
    await writeFile(paths.routerFile, ROUTER_PHP);
    const template = await installTemplate(tools, paths);
    const info: TemplateInfo = { ...template, wordpressVersion: tools.wordpressVersion, buildMs: Date.now() - started };
    // Written last: its presence marks the cache as complete.
    await writeFile(join(root, 'template.json'), JSON.stringify(info, null, 2));
    await removeOldCaches(root);
    return { ...paths, template: info, built: true };
  });
}

/**
 * Copies /usr/share/wordpress. Symlinks are dereferenced: Debian links bundled libraries with relative paths that
 * would dangle in the copy, and PHP resolves `__DIR__` through links, so a linked tree would load the wrong
 * wp-config.php. Debian's own wp-config.php (it reads /etc/wordpress) and .htaccess stay behind.
 */
async function copyWordPress(target: string): Promise<void> {
  await cp(DEBIAN_WORDPRESS, target, {
    recursive: true,
    dereference: true,
    filter: (source) => {
      if (dirname(source) !== DEBIAN_WORDPRESS) return true;
      return !['wp-config.php', '.htaccess'].includes(basename(source));
    },
  });
  await writeFile(join(target, 'wp-config.php'), WP_CONFIG_PHP);
  await writeFile(join(target, 'wp-salts.php'), saltsPhp((bytes) => randomBytes(bytes).toString('base64')));
}

async function installTemplate(
  tools: WordPressTools,
  paths: ReturnType<typeof layout>,
): Promise<Omit<TemplateInfo, 'wordpressVersion' | 'buildMs'>> {
  const building = `${paths.templateDb}.building`;
  const instance = join(paths.instancesDir, `build-${process.pid}`);
  await rm(building, { recursive: true, force: true });
  await mkdir(instance, { recursive: true });
  await initialiseDataDir(tools, building);
  const socket = join(instance, 'mysqld.sock');
  const logFile = join(instance, 'mariadb.log');
  // The install never serves HTTP; the port only ends up in options that WP_HOME overrides on every start.
  await writeFile(join(instance, 'wp-instance.php'), instanceConfigPhp({ socket, port: 8080, uploads: 'wp-content/uploads/build' }));
  const mariadb = await startMariaDb(tools, { datadir: building, socket, logFile });
  await writeRecord({ dir: instance, ownerPid: process.pid, keep: false, mariadbPid: mariadb.pid });
  let result: { userId: number; appPassword: string };
  const user = 'kladde';
  const password = randomBytes(18).toString('base64url');
  try {
    const settings = {
      socket,
      home: 'http://127.0.0.1:8080',
      abspath: `${paths.wordpressDir}/`,
      user,
      email: 'kladde@example.org',
      password,
    };
    const installFile = join(instance, 'install.php');
    await writeFile(installFile, INSTALL_PHP);
    try {
      const { stdout } = await run(tools.php, ['-d', 'display_errors=stderr', installFile, JSON.stringify(settings)], {
        env: { ...process.env, KLADDE_WP_INSTANCE: instance },
        maxBuffer: 16 * 1024 * 1024,
      });
      result = JSON.parse(stdout.trim().split('\n').pop() ?? '') as typeof result;
    } catch (error) {
      const detail = execErrorDetail(error);
      throw new Error(`Installing WordPress failed:\n${detail}`);
    }
  } finally {
    // A clean shutdown leaves a data folder that starts without crash recovery wherever it is copied.
    await stopGroup(mariadb.pid);
  }
  await rename(building, paths.templateDb);
  await rm(instance, { recursive: true, force: true });
  return { user, password, appPassword: result.appPassword, userId: result.userId };
}

/** Removes caches of other WordPress versions or build recipes that no running server uses. */
async function removeOldCaches(current: string): Promise<void> {
  const parent = dirname(current);
  for (const name of await readdir(parent).catch(() => [])) {
    const folder = join(parent, name);
    if (!name.startsWith(CACHE_PREFIX) || folder === current || name.endsWith('.lock')) continue;
    if (await exists(`${folder}.lock`)) continue;
    const instances = await readdir(join(folder, 'instances')).catch(() => []);
    if (instances.length === 0) await rm(folder, { recursive: true, force: true });
  }
}
