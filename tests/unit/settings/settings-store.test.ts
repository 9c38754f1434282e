import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contract } from '../../../electron/common/ipc/contract.js';
import { settingsSchema } from '../../../electron/common/model/settings.js';
import { SettingsStore } from '../../../electron/main/settings/settings-store.js';

let dir: string;
let file: string;
const defaults = settingsSchema.parse({});

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kladde-settings-'));
  file = path.join(dir, 'config', 'settings.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const onDisk = async () => JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
const setAside = async () => (await readdir(path.dirname(file))).filter((n) => n.startsWith('settings.json.defekt-'));

describe('SettingsStore', () => {
  it('starts with the defaults and writes nothing until something changes', async () => {
    expect(await new SettingsStore(file).get()).toEqual(defaults);
    await expect(readFile(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('saves changes and reads them back in a new process', async () => {
    const store = new SettingsStore(file);
    await store.update({ uiLanguage: 'de', editorShare: 0.3, libraryPath: '/home/anna/Blog' });
    expect(await onDisk()).toMatchObject({ uiLanguage: 'de', editorShare: 0.3, libraryPath: '/home/anna/Blog' });
    expect(await new SettingsStore(file).get()).toEqual({ ...defaults, uiLanguage: 'de', editorShare: 0.3, libraryPath: '/home/anna/Blog' });
  });

  it('changes only what a change names, as the renderer sends it through the IPC contract', async () => {
    const store = new SettingsStore(file);
    await store.update({ spellcheck: false, theme: 'dark', editorShare: 0.3 });
    // Validated like every renderer call: a change of one setting must not bring back the defaults of the others.
    const [patch] = contract.setSettings.args.parse([{ previewVisible: false }]);
    expect(patch).toEqual({ previewVisible: false });
    await store.update(patch);
    expect(await store.get()).toEqual({ ...defaults, spellcheck: false, theme: 'dark', editorShare: 0.3, previewVisible: false });
    expect(() => contract.setSettings.args.parse([{ windowBounds: null }])).toThrow();
  });

  it('fills in defaults for settings the file does not have yet', async () => {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify({ uiLanguage: 'en' }));
    expect(await new SettingsStore(file).get()).toEqual({ ...defaults, uiLanguage: 'en' });
    expect(await setAside()).toEqual([]);
  });

  it('sets a broken file aside and starts with the defaults', async () => {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, '{ "uiLanguage": "de", ');
    expect(await new SettingsStore(file).get()).toEqual(defaults);
    const aside = await setAside();
    expect(aside.length).toBe(1);
    expect(await readFile(path.join(path.dirname(file), aside[0] ?? ''), 'utf8')).toBe('{ "uiLanguage": "de", ');
  });

  it('keeps the valid settings of a file with one bad value (e.g. written by a newer version)', async () => {
    await mkdir(path.dirname(file), { recursive: true });
    const written = { uiLanguage: 'de', libraryPath: '/home/anna/Blog', featuredCredit: 'irgendwas-neues', editorShare: 7 };
    await writeFile(file, JSON.stringify(written));
    const settings = await new SettingsStore(file).get();
    expect(settings).toEqual({ ...defaults, uiLanguage: 'de', libraryPath: '/home/anna/Blog' });
    // The original is kept for the user to look at.
    const aside = await setAside();
    expect(aside.length).toBe(1);
    expect(JSON.parse(await readFile(path.join(path.dirname(file), aside[0] ?? ''), 'utf8'))).toEqual(written);
  });

  it('sets aside a file that is JSON but no object', async () => {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, '[1, 2, 3]');
    expect(await new SettingsStore(file).get()).toEqual(defaults);
    expect((await setAside()).length).toBe(1);
  });

  it('refuses an invalid change and keeps the file as it was', async () => {
    const store = new SettingsStore(file);
    await store.update({ uiLanguage: 'de' });
    const before = await readFile(file, 'utf8');
    await expect(store.update({ editorShare: 2 })).rejects.toThrow();
    expect(await readFile(file, 'utf8')).toBe(before);
    expect((await store.get()).editorShare).toBe(defaults.editorShare);
  });

  it('an undefined value in a patch changes nothing', async () => {
    const store = new SettingsStore(file);
    await store.update({ uiLanguage: 'de', previewVisible: false });
    const next = await store.update({ uiLanguage: undefined, previewVisible: undefined, sidebarVisible: false });
    expect(next).toMatchObject({ uiLanguage: 'de', previewVisible: false, sidebarVisible: false });
  });

  it('concurrent changes all end up on disk', async () => {
    const store = new SettingsStore(file);
    await Promise.all([
      store.update({ uiLanguage: 'en' }),
      store.update({ previewVisible: false }),
      store.update({ editorShare: 0.7 }),
      store.update({ sidebarVisible: false }),
      store.update({ libraryPath: '/srv/blog' }),
      store.update({ smartQuotes: false }),
    ]);
    const expected = { uiLanguage: 'en', previewVisible: false, editorShare: 0.7, sidebarVisible: false, libraryPath: '/srv/blog', smartQuotes: false };
    expect(await store.get()).toMatchObject(expected);
    expect(await onDisk()).toMatchObject(expected);
    expect(await new SettingsStore(file).get()).toMatchObject(expected);
  });
});
