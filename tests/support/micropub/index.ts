import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { siteAddresses } from './site.js';

/**
 * A real Micropub server for integration tests: @benjifs/micropub 2.0.1 (with its media endpoint) behind a
 * personal-site home page on 127.0.0.1, a folder store in a temp folder, and a minimal IndieAuth server (see
 * indieauth-stub.ts). It runs as its own process, so "the server is gone" is a real stopped process.
 */

/** A post as the server stored it: its front matter and its content (the HTML Kladde sent). */
export interface StoredPost {
  /** The post's address (what `Location` said on create). */
  url: string;
  file: string;
  properties: Record<string, unknown>;
  content: string;
}

export interface MicropubServer {
  origin: string;
  /** The site's address with trailing slash (IndieAuth's `me`). */
  me: string;
  micropubUrl: string;
  mediaUrl: string;
  authorizationUrl: string;
  tokenUrl: string;
  dataDir: string;
  /** A fresh app token (as Micro.blog's „App tokens“ page gives one). */
  issueToken(): Promise<string>;
  /** Revokes every token issued so far, as a user revoking the app would. */
  revokeTokens(): Promise<void>;
  /** Code exchanges at the token endpoint and how they ended. */
  exchanges(): Promise<{ ok: boolean; error?: string }[]>;
  posts(): Promise<StoredPost[]>;
  /** Names of the uploaded files. */
  uploads(): Promise<string[]>;
  /** Stops the server process (the site is gone); the data stays. */
  stopWebServer(): Promise<void>;
  /** Starts it again on the same port with the same data. */
  startWebServer(): Promise<void>;
  stop(): Promise<void>;
}

/** @benjifs/micropub and tsx are devDependencies; without them the test says what to install. */
function checkRequirements(): void {
  const require = createRequire(import.meta.url);
  for (const pkg of ['@benjifs/micropub/package.json', 'tsx/package.json']) {
    try {
      require.resolve(pkg);
    } catch {
      throw new Error(`Micropub test server: ${pkg.replace('/package.json', '')} is not installed — run \`npm ci\` (it is a devDependency of Kladde).`);
    }
  }
}

export async function startMicropub(): Promise<MicropubServer> {
  checkRequirements();
  const root = await mkdtemp(path.join(os.tmpdir(), 'kladde-micropub-'));
  const dataDir = path.join(root, 'site');
  await mkdir(dataDir, { recursive: true });
  const logFile = path.join(root, 'server.log');
  const main = fileURLToPath(new URL('./server-main.ts', import.meta.url));
  let child: ChildProcess | null = null;
  let port = 0;

  const start = async (): Promise<void> => {
    const proc = spawn(process.execPath, ['--import', 'tsx', main, '--port', String(port), '--dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    const log = createWriteStream(logFile, { flags: 'a' });
    proc.stderr.pipe(log);
    port = await new Promise<number>((resolve, reject) => {
      let seen = '';
      const timer = setTimeout(() => reject(new Error(`Micropub test server did not start within 120 s (log: ${logFile})`)), 120_000);
      proc.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`Micropub test server ended (exit code ${String(code)}) before it listened (log: ${logFile})`));
      });
      proc.stdout.on('data', (chunk: Buffer) => {
        log.write(chunk);
        seen = (seen + chunk.toString('utf8')).slice(-200);
        const match = /\nlistening (\d+)\n/.exec(seen);
        if (match) {
          clearTimeout(timer);
          seen = '';
          resolve(Number(match[1]));
        }
      });
    });
    proc.removeAllListeners('exit');
  };

  const stopProcess = async (): Promise<void> => {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      proc.once('exit', () => resolve());
      proc.kill('SIGTERM');
      setTimeout(() => proc.kill('SIGKILL'), 5_000).unref();
    });
  };

  await start();
  const origin = `http://127.0.0.1:${port}`;
  const at = siteAddresses(origin);
  const admin = async <T>(route: string, method = 'POST'): Promise<T> => {
    const response = await fetch(`${origin}/__test/${route}`, { method });
    if (!response.ok) throw new Error(`Micropub test server: ${route} answered ${response.status}`);
    return (await response.json()) as T;
  };

  return {
    origin,
    me: at.me,
    micropubUrl: at.micropub,
    mediaUrl: at.media,
    authorizationUrl: at.authorization,
    tokenUrl: at.token,
    dataDir,
    issueToken: async () => (await admin<{ token: string }>('token')).token,
    revokeTokens: async () => {
      await admin('revoke');
    },
    exchanges: () => admin('exchanges', 'GET'),
    posts: async () => {
      const out: StoredPost[] = [];
      for (const file of await filesUnder(path.join(dataDir, 'posts'))) {
        const text = await readFile(file, 'utf8');
        const match = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(text);
        const relative = path.relative(path.join(dataDir, 'posts'), file).replace(/\.md$/, '');
        out.push({
          url: `${origin}/${relative.split(path.sep).join('/')}`,
          file,
          properties: match ? ((parseYaml(match[1] ?? '') as Record<string, unknown>) ?? {}) : {},
          content: (match ? (match[2] ?? '') : text).trim(),
        });
      }
      return out;
    },
    uploads: async () => (await filesUnder(path.join(dataDir, 'uploads'))).map((f) => path.basename(f)),
    stopWebServer: stopProcess,
    startWebServer: start,
    stop: async () => {
      await stopProcess();
      await rm(root, { recursive: true, force: true });
    },
  };
}

async function filesUnder(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(full)));
    else out.push(full);
  }
  return out.sort();
}
