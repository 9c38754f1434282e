import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { WordPressTools } from './requirements.js';
import { execErrorDetail, spawnGroup, socketReady, waitUntil, type GroupProcess } from './processes.js';

const run = promisify(execFile);

/**
 * Server options for both install and run. Small redo log and buffer pool keep the data folder at ~30 MB (it is
 * copied for every server); the rest skips what a throwaway test database does not need.
 */
export const MARIADB_OPTIONS: readonly string[] = [
  '--skip-log-bin',
  '--skip-name-resolve',
  '--innodb-log-file-size=8M',
  '--innodb-buffer-pool-size=64M',
  '--innodb-flush-log-at-trx-commit=2',
  '--character-set-server=utf8mb4',
  '--collation-server=utf8mb4_unicode_520_ci',
];

/** MariaDB refuses to run as root unless told to; as any other user the option must be absent. */
function userOption(): string[] {
  return process.getuid?.() === 0 ? ['--user=root'] : [];
}

/** Creates an empty MariaDB data folder whose root user logs in over the socket without a password. */
export async function initialiseDataDir(tools: WordPressTools, datadir: string): Promise<void> {
  try {
    await run(tools.mariadbInstallDb, [
      '--no-defaults',
      `--datadir=${datadir}`,
      ...userOption(),
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
      ...MARIADB_OPTIONS,
    ]);
  } catch (error) {
    const detail = execErrorDetail(error);
    throw new Error(`mariadb-install-db failed for ${datadir}:\n${detail}`);
  }
}

/** Starts mariadbd on a Unix socket only (no TCP at all) and waits until it accepts connections. */
export async function startMariaDb(
  tools: WordPressTools,
  options: { datadir: string; socket: string; logFile: string },
): Promise<GroupProcess> {
  const server = await spawnGroup(
    tools.mariadbd,
    [
      '--no-defaults',
      ...userOption(),
      `--datadir=${options.datadir}`,
      `--socket=${options.socket}`,
      `--pid-file=${options.datadir}/mariadbd.pid`,
      '--skip-networking',
      ...MARIADB_OPTIONS,
    ],
    { logFile: options.logFile },
  );
  await waitUntil('mariadbd', socketReady(options.socket), { process: server, logFile: options.logFile, timeoutMs: 60_000 });
  return server;
}
