import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { EventName } from '../../../../electron/common/ipc/contract.js';
import { LibraryWatcher } from '../../../../electron/main/posts/library-watcher.js';
import { PostStore } from '../../../../electron/main/posts/post-store.js';

/**
 * Runs PostStore and LibraryWatcher on a library as the process's own user and prints what they did as one JSON
 * line. The hostile-library tests start it as an unprivileged user, because root reads a mode-000 file anyway.
 */
const [command = '', root = '', ...rest] = process.argv.slice(2);
const store = new PostStore({ root });

async function settle<T>(p: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; code: string; message: string }> {
  try {
    return { ok: true, value: await p };
  } catch (error) {
    const e = error as { code?: string; message?: string };
    return { ok: false, code: e.code ?? 'thrown', message: e.message ?? String(error) };
  }
}

async function main(): Promise<unknown> {
  if (command === 'list') return settle(store.list());
  if (command === 'open') return Promise.all(rest.map(async (id) => ({ id, result: await settle(store.open(id)) })));
  if (command === 'watch') {
    // Starts watching, makes an unreadable folder and then a new post, and reports whether the new post was seen.
    const events: EventName[] = [];
    const watcher = new LibraryWatcher(store, { emit: (name) => void events.push(name) });
    await watcher.start();
    await mkdir(path.join(root, 'gesperrt-im-betrieb'), { mode: 0o000 });
    await new Promise((r) => setTimeout(r, 400));
    await mkdir(path.join(root, 'danach-neu'));
    await writeFile(path.join(root, 'danach-neu', 'index.md'), '---\ntitle: Danach\n---\nNeu.\n');
    for (let i = 0; i < 100 && !events.includes('libraryChanged'); i++) await new Promise((r) => setTimeout(r, 50));
    const seenAfter = events.includes('libraryChanged');
    const list = await settle(store.list());
    await watcher.stop();
    return { seenAfter, problems: watcher.problems, list };
  }
  throw new Error(`unbekannter Befehl ${command}`);
}

main().then(
  (result) => process.stdout.write(JSON.stringify(result) + '\n'),
  (error: unknown) => {
    process.stderr.write(String(error instanceof Error ? error.stack : error));
    process.exit(2);
  },
);
