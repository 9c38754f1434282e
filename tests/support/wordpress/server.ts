import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { cacheRoot, ensureCache, type WordPressCache } from './cache.js';
import { startMariaDb } from './mariadb.js';
import { instanceConfigPhp, runnerPhp } from './php-files.js';
import { execErrorDetail, freePort, httpReady, spawnGroup, stopGroup, waitUntil, type GroupProcess } from './processes.js';
import { readRecord, reapStaleInstances, stopRecordedInstance, writeRecord, type InstanceRecord } from './records.js';
import { findWordPressTools, type WordPressTools } from './requirements.js';

const run = promisify(execFile);

/** A running WordPress 6.1 (de_DE, Europe/Berlin, /%postname%/ permalinks) on 127.0.0.1. */
export interface WordPressServer {
  /** `http://127.0.0.1:PORT`, without a trailing slash. */
  readonly baseUrl: string;
  /** The REST API root, `http://127.0.0.1:PORT/wp-json/`. */
  readonly restRoot: string;
  /** The administrator's login name. */
  readonly user: string;
  /** The administrator's login password (wp-login.php and XML-RPC; the REST API refuses it). */
  readonly password: string;
  /** An application password of the administrator, for the REST API. */
  readonly appPassword: string;
  /** The ready `Authorization` header value for user and application password. */
  readonly authorization: string;
  /** This server's folder: database copy, logs (mariadb.log, php-server.log, php-errors.log). */
  readonly instanceDir: string;
  /** How the start went: whether it had to build the cache first, and how long it took. */
  readonly startup: { builtCache: boolean; cacheBuildMs: number; totalMs: number };
  /**
   * Runs PHP with WordPress loaded (as a CLI script against this server's database) and returns its standard
   * output. `input` arrives decoded as `$kladde_input`. Throws with PHP's error output on a non-zero exit.
   */
  runPhp(code: string, input?: unknown): Promise<string>;
  /** Stops only the web server: the port refuses connections, the database and its content stay. */
  stopWebServer(): Promise<void>;
  /** Starts the web server again on the same port after {@link stopWebServer}. */
  startWebServer(): Promise<void>;
  /** Stops everything and deletes this server's folder. Safe to call twice. */
  stop(): Promise<void>;
}

export interface StartWordPressOptions {
  /** Let the server outlive this process (the CLI's `start`); stop it later with `stopKeptWordPressServers()`. */
  keepRunning?: boolean;
}

/** Servers of this process, stopped on exit if a test forgot to. */
const running = new Set<InstanceRecord>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const record of running) {
      if (record.keep) continue;
      for (const pid of [record.phpPid, record.mariadbPid]) {
        if (pid === undefined) continue;
        try {
          process.kill(-pid, 'SIGTERM');
        } catch {
          // Already gone; the folder is removed by the next start's clean-up.
        }
      }
    }
  });
}

/** Unix socket paths are limited to ~108 bytes; beyond that MariaDB cannot bind. */
const MAX_SOCKET_PATH = 100;

/**
 * Starts a real WordPress from Debian's packages on loopback: MariaDB on a private socket and `php -S` on a free
 * port, each in its own process group. The first start on a machine builds a cache (copy of WordPress plus an
 * installed template database, ~4 s); later starts copy the template database and take under a second. Every
 * server gets its own database, so tests never see each other's posts.
 *
 * @throws WordPressUnavailableError naming the apt packages to install when PHP, MariaDB or WordPress is missing.
 */
export async function startWordPress(options: StartWordPressOptions = {}): Promise<WordPressServer> {
  const started = Date.now();
  const tools = await findWordPressTools();
  const cache = await ensureCache(tools);
  await reapStaleInstances(cache.instancesDir);
  const record = await startInstance(tools, cache, options.keepRunning ?? false);
  return serverHandle(tools, cache, record, Date.now() - started);
}

/** Stops the servers started with `keepRunning` (by the CLI) in the current cache. */
export async function stopKeptWordPressServers(): Promise<number> {
  const instancesDir = join(cacheRoot(await findWordPressTools()), 'instances');
  let stopped = 0;
  for (const name of await readdir(instancesDir).catch(() => [])) {
    const record = await readRecord(join(instancesDir, name));
    if (record?.keep) {
      await stopRecordedInstance(record);
      stopped++;
    }
  }
  return stopped;
}

async function startInstance(tools: WordPressTools, cache: WordPressCache, keep: boolean): Promise<InstanceRecord> {
  const id = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const dir = join(cache.instancesDir, id);
  await mkdir(dir, { recursive: true });
  let socket = join(dir, 'mysqld.sock');
  const record: InstanceRecord = { dir, ownerPid: process.pid, keep, uploadsDir: join(cache.wordpressDir, 'wp-content', 'uploads', `kladde-${id}`) };
  if (Buffer.byteLength(socket) >= MAX_SOCKET_PATH) {
    record.socketDir = await mkdtemp('/tmp/kwp-');
    socket = join(record.socketDir, 'mysqld.sock');
  }
  await writeRecord(record);
  installExitHook();
  running.add(record);
  try {
    const datadir = join(dir, 'db');
    await cp(cache.templateDb, datadir, { recursive: true });
    const mariadb = await startMariaDb(tools, { datadir, socket, logFile: join(dir, 'mariadb.log') });
    record.mariadbPid = mariadb.pid;
    await writeRecord(record);
    record.port = await startWebServerOnFreePort(tools, cache, record, socket);
    await writeRecord(record);
    return record;
  } catch (error) {
    running.delete(record);
    await stopRecordedInstance(record);
    throw error;
  }
}

/** A port can be taken between finding it free and binding it; then another one is tried. */
async function startWebServerOnFreePort(tools: WordPressTools, cache: WordPressCache, record: InstanceRecord, socket: string): Promise<number> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    // UPLOADS is relative to ABSPATH; each server writes its media into its own folder of the shared copy.
    const uploads = relative(cache.wordpressDir, record.uploadsDir ?? join(record.dir, 'uploads'));
    await writeFile(join(record.dir, 'wp-instance.php'), instanceConfigPhp({ socket, port, uploads }));
    try {
      const php = await startPhpServer(tools, cache, record, port);
      record.phpPid = php.pid;
      return port;
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

async function startPhpServer(tools: WordPressTools, cache: WordPressCache, record: InstanceRecord, port: number): Promise<GroupProcess> {
  const logFile = join(record.dir, 'php-server.log');
  const server = await spawnGroup(
    tools.php,
    [
      // WordPress 6.1 on PHP 8.2 emits deprecation notices; printed, they would corrupt JSON bodies.
      '-d', 'display_errors=0',
      '-d', 'log_errors=1',
      // Also puts the instance folder on the command line, which is how a recorded PID is recognised later.
      '-d', `error_log=${join(record.dir, 'php-errors.log')}`,
      '-d', 'upload_max_filesize=64M',
      '-d', 'post_max_size=64M',
      '-d', 'memory_limit=512M',
      '-S', `127.0.0.1:${port}`,
      '-t', cache.wordpressDir,
      cache.routerFile,
    ],
    { logFile, env: { ...process.env, KLADDE_WP_INSTANCE: record.dir, PHP_CLI_SERVER_WORKERS: '4' } },
  );
  try {
    await waitUntil('php -S', httpReady(`http://127.0.0.1:${port}/wp-json/`), { process: server, logFile, timeoutMs: 60_000 });
  } catch (error) {
    await stopGroup(server.pid);
    throw error;
  }
  return server;
}

function serverHandle(tools: WordPressTools, cache: WordPressCache, record: InstanceRecord, totalMs: number): WordPressServer {
  const port = record.port ?? 0;
  const baseUrl = `http://127.0.0.1:${port}`;
  const { user, password, appPassword } = cache.template;
  let scripts = 0;
  let stopped = false;
  return {
    baseUrl,
    restRoot: `${baseUrl}/wp-json/`,
    user,
    password,
    appPassword,
    authorization: `Basic ${Buffer.from(`${user}:${appPassword}`).toString('base64')}`,
    instanceDir: record.dir,
    startup: { builtCache: cache.built, cacheBuildMs: cache.built ? cache.template.buildMs : 0, totalMs },

    async runPhp(code: string, input: unknown = null): Promise<string> {
      const n = ++scripts;
      const inputFile = join(record.dir, `run-${n}.json`);
      const script = join(record.dir, `run-${n}.php`);
      await writeFile(inputFile, JSON.stringify(input));
      await writeFile(script, runnerPhp({ abspath: `${cache.wordpressDir}/`, port, inputFile, code }));
      try {
        const { stdout } = await run(tools.php, ['-d', 'display_errors=stderr', '-d', 'memory_limit=512M', script], {
          env: { ...process.env, KLADDE_WP_INSTANCE: record.dir },
          maxBuffer: 256 * 1024 * 1024,
        });
        return stdout;
      } catch (error) {
        const detail = execErrorDetail(error);
        throw new Error(`PHP against the test WordPress failed:\n${detail.trim()}`);
      } finally {
        await rm(inputFile, { force: true });
        await rm(script, { force: true });
      }
    },

    async stopWebServer(): Promise<void> {
      if (record.phpPid === undefined) return;
      await stopGroup(record.phpPid);
      delete record.phpPid;
      await writeRecord(record);
    },

    async startWebServer(): Promise<void> {
      if (stopped) throw new Error('This WordPress server was stopped for good');
      if (record.phpPid !== undefined) return;
      record.phpPid = (await startPhpServer(tools, cache, record, port)).pid;
      await writeRecord(record);
    },

    async stop(): Promise<void> {
      if (stopped) return;
      stopped = true;
      running.delete(record);
      await stopRecordedInstance(record);
    },
  };
}
