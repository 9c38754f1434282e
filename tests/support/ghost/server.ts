import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, httpReady, spawnGroup, stopGroup, waitUntil, type GroupProcess } from '../wordpress/processes.js';
import { findGhostInstall, type GhostInstall } from './install.js';

/** A running Ghost 6 (SQLite, its own content folder) on 127.0.0.1 with an owner and an Admin API key. */
export interface GhostServer {
  /** `http://127.0.0.1:PORT`, without a trailing slash. */
  readonly baseUrl: string;
  /** `http://127.0.0.1:PORT/ghost/api/admin/`. */
  readonly adminRoot: string;
  /** The Admin API key (`id:secret`) of the integration „Kladde Test“. */
  readonly adminKey: string;
  readonly integrationId: string;
  /** This server's folder: config, SQLite database, images, ghost.log. */
  readonly instanceDir: string;
  readonly startup: { totalMs: number; installMs: number };
  /**
   * A request to the Admin API as the owner (session cookie), for the test's own view and changes: creating a second
   * integration, deleting one, editing a post online. Throws with status and body on a failure.
   */
  admin<T>(method: string, route: string, body?: unknown): Promise<T>;
  /** Creates another integration and returns its id and Admin API key. */
  createIntegration(name: string): Promise<{ id: string; adminKey: string }>;
  /**
   * The owner's own staff access token (Ghost Admin → Settings → Staff → the owner → „Staff access token“), in the
   * same `id:secret` form as an integration's Admin API key; Ghost makes it on first request.
   */
  staffToken(): Promise<string>;
  /** Stops only the Ghost process: the port refuses connections, the database stays. */
  stopServer(): Promise<void>;
  /** Starts Ghost again on the same port after {@link stopServer}. */
  startServer(): Promise<void>;
  /** Stops Ghost and deletes its folder. Safe to call twice. */
  stop(): Promise<void>;
}

const OWNER = { name: 'Kladde Test', email: 'kladde@example.org', password: `Kl-${randomBytes(12).toString('hex')}`, blogTitle: 'Kladde Ghost' };

/** Processes of this test process, stopped on exit if a test forgot to. */
const running = new Set<number>();
let exitHook = false;

function config(dir: string, port: number): unknown {
  return {
    url: `http://127.0.0.1:${port}`,
    server: { host: '127.0.0.1', port },
    database: { client: 'sqlite3', connection: { filename: join(dir, 'content', 'data', 'ghost.db') }, useNullAsDefault: true, debug: false },
    mail: { transport: 'stub' },
    logging: { level: 'warn', transports: ['stdout'] },
    paths: { contentPath: join(dir, 'content') },
    privacy: { useTinfoil: true },
    security: { staffDeviceVerification: false },
    // Nothing leaves the machine: no update checks, no third-party services.
    updateCheck: { enabled: false },
  };
}

/**
 * Starts a real Ghost from the install that scripts/ci/install-ghost.mjs made: a fresh content folder and SQLite
 * database in a temp folder, Node 22 in its own process group, owner set up, an integration created. ~10 s.
 *
 * @throws GhostUnavailableError naming the install script when Ghost is not installed.
 */
export async function startGhost(): Promise<GhostServer> {
  const started = Date.now();
  const install = await findGhostInstall();
  const dir = await mkdtemp(join(tmpdir(), 'kladde-ghost-'));
  // The process while setting up; a failed set-up (owner, integration) stops it before the error goes on.
  let starting: GroupProcess | null = null;
  try {
    await prepareInstance(install, dir);
    const port = await freePort();
    await writeFile(join(dir, 'config.development.json'), JSON.stringify(config(dir, port), null, 2));
    let process_: GroupProcess | null = await startProcess(install, dir, port);
    starting = process_;
    const baseUrl = `http://127.0.0.1:${port}`;
    const adminRoot = `${baseUrl}/ghost/api/admin/`;
    const session = await setUpOwner(adminRoot, baseUrl);
    const admin = async <T>(method: string, route: string, body?: unknown): Promise<T> => {
      const response = await fetch(`${adminRoot}${route}`, {
        method,
        headers: { Cookie: session, Origin: baseUrl, 'Accept-Version': 'v6.0', ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${text.slice(0, 300)}`);
      return (text ? JSON.parse(text) : undefined) as T;
    };
    const createIntegration = async (name: string) => {
      const answer = await admin<{ integrations: { id: string; api_keys: { type: string; id: string; secret: string }[] }[] }>('POST', 'integrations/?include=api_keys', {
        integrations: [{ name }],
      });
      const integration = answer.integrations[0];
      const key = integration?.api_keys.find((k) => k.type === 'admin');
      if (!integration || !key) throw new Error(`Ghost created the integration ${name} without an Admin API key`);
      return { id: integration.id, adminKey: key.secret.includes(':') ? key.secret : `${key.id}:${key.secret}` };
    };
    const staffToken = async () => {
      const answer = await admin<{ apiKey?: { id?: string; secret?: string } }>('GET', 'users/me/token/');
      const key = answer.apiKey;
      if (!key?.id || !key.secret) throw new Error(`Ghost gave no staff access token: ${JSON.stringify(answer).slice(0, 200)}`);
      return `${key.id}:${key.secret}`;
    };
    const first = await createIntegration('Kladde Test');
    let stopped = false;
    return {
      baseUrl,
      adminRoot,
      adminKey: first.adminKey,
      integrationId: first.id,
      instanceDir: dir,
      startup: { totalMs: Date.now() - started, installMs: install.installMs },
      admin,
      createIntegration,
      staffToken,
      async stopServer() {
        if (!process_) return;
        running.delete(process_.pid);
        await stopGroup(process_.pid);
        process_ = null;
      },
      async startServer() {
        if (stopped) throw new Error('This Ghost server was stopped for good');
        if (process_) return;
        process_ = await startProcess(install, dir, port);
      },
      async stop() {
        if (stopped) return;
        stopped = true;
        if (process_) {
          running.delete(process_.pid);
          await stopGroup(process_.pid);
        }
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    if (starting) {
      running.delete(starting.pid);
      await stopGroup(starting.pid);
    }
    await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    throw error;
  }
}

/** `current` → the installed package (Ghost looks for itself there), and a content folder of its own. */
async function prepareInstance(install: GhostInstall, dir: string): Promise<void> {
  await symlink(install.ghostDir, join(dir, 'current'));
  for (const sub of ['data', 'images', 'logs', 'settings', 'public', 'adapters', 'files', 'media', 'themes']) {
    await mkdir(join(dir, 'content', sub), { recursive: true });
  }
  // The bundled themes, linked: Ghost needs an active theme to boot, and nothing writes into them.
  for (const theme of ['casper', 'source']) await symlink(join(install.ghostDir, 'content', 'themes', theme), join(dir, 'content', 'themes', theme));
}

async function startProcess(install: GhostInstall, dir: string, port: number): Promise<GroupProcess> {
  const logFile = join(dir, 'ghost.log');
  const child = await spawnGroup(install.node, [join(dir, 'current', 'index.js')], {
    cwd: dir,
    logFile,
    env: { ...process.env, NODE_ENV: 'development', PATH: `${join(install.root, 'node', 'bin')}:${process.env['PATH'] ?? ''}` },
  });
  running.add(child.pid);
  if (!exitHook) {
    exitHook = true;
    process.on('exit', () => {
      for (const pid of running) {
        try {
          process.kill(-pid, 'SIGTERM');
        } catch {
          /* already gone */
        }
      }
    });
  }
  try {
    await waitUntil('Ghost', httpReady(`http://127.0.0.1:${port}/ghost/api/admin/site/`), { process: child, logFile, timeoutMs: 180_000 });
  } catch (error) {
    running.delete(child.pid);
    await stopGroup(child.pid);
    throw error;
  }
  return child;
}

/** Sets up the owner (first start of a fresh database) and signs in; returns the session cookie. */
async function setUpOwner(adminRoot: string, origin: string): Promise<string> {
  const headers = { 'Content-Type': 'application/json', Origin: origin, 'Accept-Version': 'v6.0' };
  const setup = await fetch(`${adminRoot}authentication/setup/`, { method: 'POST', headers, body: JSON.stringify({ setup: [OWNER] }) });
  if (!setup.ok) throw new Error(`Ghost owner setup failed: ${setup.status} ${(await setup.text()).slice(0, 300)}`);
  await setup.arrayBuffer().catch(() => undefined);
  const session = await fetch(`${adminRoot}session/`, { method: 'POST', headers, body: JSON.stringify({ username: OWNER.email, password: OWNER.password }) });
  const text = await session.text();
  if (!session.ok) throw new Error(`Ghost sign-in failed: ${session.status} ${text.slice(0, 300)}`);
  const cookie = session.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  if (!cookie) throw new Error('Ghost sign-in gave no session cookie');
  return cookie;
}
