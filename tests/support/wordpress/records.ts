import { readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { commandLine, processAlive, stopGroup } from './processes.js';

/**
 * What a server's folder remembers about it (owner.json), so its processes can be stopped from another process
 * (the CLI) or after the test process that started them died.
 */
export interface InstanceRecord {
  /** The instance folder; every process of the server has it on its command line. */
  dir: string;
  /** The Node process that started the server; when it is gone, the server is stale unless `keep` is set. */
  ownerPid: number;
  /** Started to outlive its owner (the CLI's `start`). */
  keep: boolean;
  mariadbPid?: number;
  phpPid?: number;
  port?: number;
  /** This server's uploads folder inside the shared WordPress copy (wp-content/uploads/kladde-ID); removed on stop. */
  uploadsDir?: string;
  /** A separate folder for the MariaDB socket when the instance path would make it too long; removed on stop. */
  socketDir?: string;
}

export const RECORD_FILE = 'owner.json';

export async function writeRecord(record: InstanceRecord): Promise<void> {
  await writeFile(join(record.dir, RECORD_FILE), JSON.stringify(record, null, 2));
}

export async function readRecord(dir: string): Promise<InstanceRecord | null> {
  try {
    return JSON.parse(await readFile(join(dir, RECORD_FILE), 'utf8')) as InstanceRecord;
  } catch {
    return null;
  }
}

/** Stops a recorded process group, but only after checking the PID still runs one of this instance's programs. */
async function stopIfOurs(pid: number | undefined, dir: string): Promise<void> {
  if (pid === undefined) return;
  const command = await commandLine(pid);
  if (command !== null && command.includes(dir)) await stopGroup(pid);
}

/** Stops the processes of a recorded server (web server first) and deletes its folder. */
export async function stopRecordedInstance(record: InstanceRecord): Promise<void> {
  await stopIfOurs(record.phpPid, record.dir);
  await stopIfOurs(record.mariadbPid, record.dir);
  await rm(record.dir, { recursive: true, force: true });
  if (record.socketDir) await rm(record.socketDir, { recursive: true, force: true });
  if (record.uploadsDir) await rm(record.uploadsDir, { recursive: true, force: true });
}

/** Whether any recorded process of the server still runs. */
async function anyRunning(record: InstanceRecord): Promise<boolean> {
  for (const pid of [record.phpPid, record.mariadbPid]) {
    if (pid === undefined || !processAlive(pid)) continue;
    const command = await commandLine(pid);
    if (command !== null && command.includes(record.dir)) return true;
  }
  return false;
}

/**
 * Cleans up after test processes that died without stopping their servers: their processes are stopped and their
 * folders (copies of the database, uploads) removed. Servers of live owners and live `keep` servers stay.
 */
export async function reapStaleInstances(instancesDir: string): Promise<void> {
  for (const name of await readdir(instancesDir).catch(() => [])) {
    const dir = join(instancesDir, name);
    const record = await readRecord(dir);
    if (record === null) {
      // A folder without a record is a start that died within its first milliseconds, or one being set up now.
      const age = Date.now() - (await stat(dir).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
      if (age > 10 * 60_000) await rm(dir, { recursive: true, force: true });
      continue;
    }
    const ownerGone = record.ownerPid !== process.pid && !processAlive(record.ownerPid);
    if (ownerGone && (!record.keep || !(await anyRunning(record)))) {
      await stopRecordedInstance(record);
    }
  }
}
