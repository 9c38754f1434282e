import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** A program started in its own process group; `pid` is also the group id. */
export interface GroupProcess {
  pid: number;
  /** Resolves with a description ("exit code 1", "signal SIGTERM") once the group leader has ended. */
  exited: Promise<string>;
}

/**
 * Starts a program detached (its own session and process group) with stdout and stderr appended to `logFile`.
 * The child is unref'd so a forgotten server never keeps a test process alive; stop it with {@link stopGroup}.
 */
export async function spawnGroup(
  command: string,
  args: readonly string[],
  options: { logFile: string; env?: NodeJS.ProcessEnv; cwd?: string },
): Promise<GroupProcess> {
  const fd = openSync(options.logFile, 'a');
  try {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      detached: true,
      stdio: ['ignore', fd, fd],
    });
    const exited = new Promise<string>((resolve) => {
      child.once('exit', (code, signal) => resolve(signal ? `signal ${signal}` : `exit code ${String(code)}`));
    });
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
    child.unref();
    if (child.pid === undefined) throw new Error(`${command} did not start`);
    return { pid: child.pid, exited };
  } finally {
    closeSync(fd);
  }
}

/**
 * True while a live process of the group `pgid` exists. Zombies do not count: they hold no port, socket or file
 * any more, and on some machines the init process takes seconds to reap orphaned ones (the php -S workers).
 */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return true; // No /proc: trust kill(), zombies included.
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    // Fields after the parenthesised command name: state, ppid, pgrp, …
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) === pgid && fields[0] !== 'Z') return true;
  }
  return false;
}

/** True while the process `pid` exists. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Stops a process group: SIGTERM (MariaDB then shuts down cleanly), SIGKILL after `graceMs`. Resolves when no
 * process of the group is left.
 */
export async function stopGroup(pgid: number, graceMs = 15_000): Promise<void> {
  const signal = (name: NodeJS.Signals): void => {
    try {
      process.kill(-pgid, name);
    } catch {
      // Already gone.
    }
  };
  signal('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (groupAlive(pgid)) {
    if (Date.now() > deadline) {
      signal('SIGKILL');
      await sleep(50);
      if (Date.now() > deadline + 5_000) throw new Error(`Process group ${pgid} survived SIGKILL`);
    }
    await sleep(25);
  }
}

/**
 * The command line of a running process (Linux /proc), used to make sure a PID recorded earlier still belongs to
 * our server before signalling it — PIDs get reused.
 */
export async function commandLine(pid: number): Promise<string | null> {
  try {
    return (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').join(' ');
  } catch {
    return null;
  }
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('No free port'))));
    });
  });
}

/** Whether a Unix socket accepts connections. */
async function socketAccepts(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ path });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** The last lines of a log file, for error messages. */
export function logTail(file: string, lines = 15): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * Polls `ready` until it returns true; fails early when the process ends and after `timeoutMs`, quoting the
 * process's log either way.
 */
export async function waitUntil(
  what: string,
  ready: () => Promise<boolean>,
  options: { process: GroupProcess; logFile: string; timeoutMs?: number },
): Promise<void> {
  let ended: string | null = null;
  void options.process.exited.then((how) => {
    ended = how;
  });
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    if (await ready()) return;
    if (ended !== null) throw new Error(`${what} ended (${ended}) before it was ready. Log ${options.logFile}:\n${logTail(options.logFile)}`);
    if (Date.now() > deadline) throw new Error(`${what} was not ready in time. Log ${options.logFile}:\n${logTail(options.logFile)}`);
    await sleep(30);
  }
}

/** Waits for MariaDB to accept connections on its socket. */
export function socketReady(path: string): () => Promise<boolean> {
  return () => socketAccepts(path);
}

/** Waits for an HTTP URL to answer 200. */
export function httpReady(url: string): () => Promise<boolean> {
  return async () => {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      await response.arrayBuffer();
      return response.status === 200;
    } catch {
      return false;
    }
  };
}

/** The output of a failed execFile() call, for error messages. */
export function execErrorDetail(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const { stdout, stderr } = error as Error & { stdout?: unknown; stderr?: unknown };
  return [error.message, stdout, stderr].filter((part) => typeof part === 'string' && part.trim() !== '').join('\n');
}
