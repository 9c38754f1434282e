import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, EVENTS } from '../../../electron/common/ipc/channels.js';
import { contract, eventContract, type Channel } from '../../../electron/common/ipc/contract.js';
import { ERROR_CODES, KladdeError, type Result } from '../../../electron/common/result.js';
import { createDispatcher, type Dispatch, type Handlers } from '../../../electron/main/ipc/dispatch.js';
import { useTestServices } from '../../support/services.js';

const SECRET = 'GEHEIM-4711-passwort';

const t = useTestServices('surface');

const sorted = (xs: readonly string[]) => [...xs].sort();

describe('the IPC surface is one set of names', () => {
  it('CHANNELS = contract keys = handler keys', () => {
    const handlers = t.services.handlers();
    expect(new Set(CHANNELS).size).toBe(CHANNELS.length);
    expect(sorted(CHANNELS)).toEqual(sorted(Object.keys(contract)));
    expect(sorted(Object.keys(handlers))).toEqual(sorted(Object.keys(contract)));
    for (const name of CHANNELS) expect(typeof handlers[name], name).toBe('function');
  });

  it('EVENTS = event contract keys', () => {
    expect(new Set(EVENTS).size).toBe(EVENTS.length);
    expect(sorted(EVENTS)).toEqual(sorted(Object.keys(eventContract)));
  });

  it('every channel takes a tuple of arguments and declares a result schema', () => {
    for (const name of CHANNELS) {
      const entry = contract[name];
      expect(entry.args.def.type, name).toBe('tuple');
      expect(typeof entry.result.safeParse, name).toBe('function');
    }
  });
});

describe('the real handlers answer as the contract says', () => {
  let dispatch: Dispatch;
  beforeAll(() => {
    dispatch = createDispatcher(t.services.handlers());
  });

  async function call<C extends Channel>(channel: C, ...args: unknown[]): Promise<unknown> {
    const result = await dispatch(channel, args);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    const checked = contract[channel].result.safeParse(result.value);
    expect(checked.success, `${channel} result matches its schema: ${checked.error?.message ?? ''}`).toBe(true);
    return result.value;
  }

  it('post channels, start to end', async () => {
    await call('appInfo');
    await call('getSettings');
    const list = (await call('listPosts')) as { id: string }[];
    expect(list.map((p) => p.id)).toEqual(['willkommen-in-kladde']);
    const created = (await call('createPost', { title: 'Über die Schnittstelle' })) as { id: string; text: string; version: string };
    await call('openPost', created.id);
    const saved = await call('savePost', created.id, { text: created.text + 'Mehr.\n', baseVersion: created.version, force: false });
    expect(saved).toMatchObject({ status: 'saved' });
    const renamed = (await call('renamePost', created.id, 'schnittstelle')) as { id: string };
    const copy = (await call('duplicatePost', renamed.id)) as { id: string };
    const trashed = (await call('deletePost', copy.id)) as { trashId: string };
    await call('listTrash');
    await call('restorePost', trashed.trashId);
    await call('setSettings', { previewVisible: false });
  });

  it('recovery channels: journal, list against disk, discard; flushDone without a waiting close', async () => {
    const created = (await call('createPost', { title: 'Wiederherstellung' })) as { id: string; text: string; version: string };
    await call('writeRecovery', created.id, { text: created.text + 'Ungespeichert.\n', baseVersion: created.version });
    const listed = (await call('listRecovery')) as { id: string; diskText: string | null }[];
    expect(listed).toEqual([expect.objectContaining({ id: created.id, diskText: created.text })]);
    expect(await call('discardRecovery', created.id)).toEqual({ discarded: true });
    expect(await call('listRecovery')).toEqual([]);
    expect(await call('flushDone', 'niemand-wartet', { saved: true })).toEqual({ accepted: false });
    // A save of exactly the journaled text forgets the entry (no false recovery later).
    const text = created.text + 'Gleich gespeichert.\n';
    await call('writeRecovery', created.id, { text, baseVersion: created.version });
    await call('savePost', created.id, { text, baseVersion: created.version, force: false });
    // Gone already before any listing could tidy it up.
    expect(await readdir(path.join(t.dir, 'Bibliothek', '.kladde', 'wiederherstellung'))).toEqual([]);
  });
});

describe('the history channels answer as the contract says', () => {
  it('list, snapshot, read, restore', async () => {
    const dispatch = createDispatcher(t.services.handlers());
    const call = async (channel: Channel, ...args: unknown[]): Promise<unknown> => {
      const result = await dispatch(channel, args);
      if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
      expect(contract[channel].result.safeParse(result.value).success, channel).toBe(true);
      return result.value;
    };
    const created = (await call('createPost', { title: 'Verlauf' })) as { id: string; text: string; version: string };
    expect(await call('listPostVersions', created.id)).toEqual([]);
    const kept = (await call('snapshotPost', created.id, { text: created.text + 'Im Editor.\n', reason: 'take-theirs' })) as {
      version: { versionId: string };
    };
    const listed = (await call('listPostVersions', created.id)) as { versionId: string }[];
    expect(listed.map((v) => v.versionId)).toEqual([kept.version.versionId]);
    expect(await call('readPostVersion', created.id, kept.version.versionId)).toEqual({ text: created.text + 'Im Editor.\n' });
    const restored = (await call('restorePostVersion', created.id, kept.version.versionId, { baseVersion: created.version })) as { text: string };
    expect(restored.text).toBe(created.text + 'Im Editor.\n');
    expect(((await call('listPostVersions', created.id)) as { reason: string }[]).map((v) => v.reason)).toEqual(['restore', 'take-theirs']);
  });
});

describe('the dispatcher', () => {
  const calls: unknown[][] = [];
  const logged: string[] = [];
  let thrown: unknown = null;

  // A handler table whose every entry records its arguments and throws `thrown` when it is set.
  const handlers = Object.fromEntries(
    Object.keys(contract).map((name) => [
      name,
      async (...args: unknown[]) => {
        calls.push(args);
        if (thrown !== null) throw thrown;
        return { echoed: true };
      },
    ]),
  ) as unknown as Handlers;
  const dispatch = createDispatcher(handlers, (m) => logged.push(m));

  const failure = (result: Result<unknown>) => {
    if (result.ok) throw new Error('expected a failure');
    expect(ERROR_CODES).toContain(result.error.code);
    return result.error;
  };

  it.each(['nichtDa', '', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'kladde:listPosts', 'LISTPOSTS'])(
    'refuses the unknown channel %j without calling anything',
    async (channel) => {
      calls.length = 0;
      expect(failure(await dispatch(channel, []))).toMatchObject({ code: 'unknown-channel' });
      expect(calls).toEqual([]);
    },
  );

  it('cuts a long unknown channel name in its message', async () => {
    const error = failure(await dispatch('x'.repeat(10_000), []));
    expect(error.message.length).toBeLessThan(200);
  });

  const invalid: [string, Channel, unknown][] = [
    ['no array at all', 'listPosts', undefined],
    ['null', 'listPosts', null],
    ['an object instead of a tuple', 'openPost', { 0: 'a' }],
    ['a string instead of a tuple', 'openPost', 'willkommen-in-kladde'],
    ['too many arguments', 'listPosts', ['zusätzlich']],
    ['too many arguments (2)', 'openPost', ['a', 'b']],
    ['too few arguments', 'renamePost', ['a']],
    ['wrong type', 'openPost', [42]],
    ['wrong type in an object', 'savePost', ['a', { text: 1, baseVersion: '', force: false }]],
    ['unknown key in a strict object', 'createPost', [{ title: 'x', pfad: '/etc' }]],
    ['path as a post id', 'openPost', ['../../etc']],
    ['absolute path as a post id', 'deletePost', ['/etc/passwd']],
    ['bad slug', 'renamePost', ['a', 'Groß Buchstaben']],
    ['oversize text', 'savePost', ['a', { text: 'x'.repeat(20_000_001), baseVersion: '', force: false }]],
    ['oversize title', 'createPost', [{ title: 'x'.repeat(501) }]],
    ['oversize recovery text', 'writeRecovery', ['a', { text: 'x'.repeat(20_000_001), baseVersion: '' }]],
    ['path as a recovery id', 'writeRecovery', ['../../etc', { text: 'x', baseVersion: '' }]],
    ['unknown key in a recovery entry', 'writeRecovery', ['a', { text: 'x', baseVersion: '', pfad: '/etc' }]],
    ['path as a discard id', 'discardRecovery', ['/etc/passwd']],
    ['path as a version id', 'readPostVersion', ['a', '../../beitraege']],
    ['path as a restored version id', 'restorePostVersion', ['a', '/etc/passwd', { baseVersion: '' }]],
    ['path as a history post id', 'listPostVersions', ['../../etc']],
    ['a snapshot for another reason', 'snapshotPost', ['a', { text: 'x', reason: 'save' }]],
    ['flushDone without a result', 'flushDone', ['r1']],
    ['oversize flush request id', 'flushDone', ['r'.repeat(101), { saved: true }]],
    ['settings main owns', 'setSettings', [{ windowBounds: { x: 0, y: 0, width: 800, height: 600, maximized: false } }]],
    ['a secret in the wrong place', 'setBlogCredentials', [SECRET, { user: 'a', secret: SECRET, extra: SECRET }]],
    ['an oversize secret', 'setBlogCredentials', ['blog', { user: 'a', secret: SECRET.repeat(200) }]],
  ];

  it.each(invalid)('refuses invalid arguments: %s', async (_name, channel, args) => {
    calls.length = 0;
    const error = failure(await dispatch(channel, args));
    expect(error.code).toBe('invalid-input');
    expect(calls).toEqual([]);
    // The message names what is wrong, never the values sent.
    expect(error.message).not.toContain(SECRET);
    expect(error.message.length).toBeLessThan(500);
  });

  it('passes valid arguments through as parsed', async () => {
    calls.length = 0;
    thrown = null;
    expect(await dispatch('renamePost', ['alter-name', 'neuer-name'])).toEqual({ ok: true, value: { echoed: true } });
    expect(calls).toEqual([['alter-name', 'neuer-name']]);
  });

  const errno = (code: string) => Object.assign(new Error(`${code}: open '/home/anna/Kladde/${SECRET}/index.md'`), { code });

  const errors: [string, unknown, string][] = [
    ['a KladdeError keeps its code', new KladdeError('outside-library', 'Pfad liegt außerhalb der Bibliothek'), 'outside-library'],
    ['ENOENT → not-found', errno('ENOENT'), 'not-found'],
    ['EEXIST → already-exists', errno('EEXIST'), 'already-exists'],
    ['EACCES → io', errno('EACCES'), 'io'],
    ['ENOSPC → io', errno('ENOSPC'), 'io'],
    ['any other error → internal', new TypeError(`Cannot read properties of undefined (reading '${SECRET}')`), 'internal'],
    ['a thrown string → internal', `${SECRET} als Text geworfen`, 'internal'],
    ['a thrown null-ish object → internal', { code: 42, message: SECRET }, 'internal'],
  ];

  it.each(errors)('turns thrown errors into data: %s', async (_name, error, code) => {
    thrown = error;
    logged.length = 0;
    const result = await dispatch('listPosts', []);
    thrown = null;
    expect(failure(result).code).toBe(code);
    if (!(error instanceof KladdeError)) {
      // Raw error text (paths, user data, secrets) never reaches the renderer or the log.
      expect(JSON.stringify(result)).not.toContain(SECRET);
      expect(logged.join('\n')).not.toContain(SECRET);
      expect(logged.length).toBe(1);
    }
  });

  it('a KladdeError message is meant for the user and passes through', async () => {
    thrown = new KladdeError('not-found', 'Beitrag „x“ wurde nicht gefunden');
    const result = await dispatch('openPost', ['x']);
    thrown = null;
    expect(result).toEqual({ ok: false, error: { code: 'not-found', message: 'Beitrag „x“ wurde nicht gefunden' } });
  });
});
