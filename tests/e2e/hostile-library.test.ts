import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { buildHostileLibrary, fileHashes, FILE_CASES, NOBODY, REPO } from '../unit/posts/support/hostile-library.js';

// The real host process (`node dist/web/cli.js`) on a library full of odd and hostile cases. It runs as an
// unprivileged user (through setpriv when the tests run as root), so a folder without permission really refuses
// to be read, as it does on a user's machine: that once ended the process with `Error: EACCES … watch`.

const CLI = path.join(REPO, 'dist/web/cli.js');
let tmp: string;
let library: string;
let host: ChildProcess;
let hostExit: number | null | undefined;
let hostOutput = '';
let browser: { context: BrowserContext; close: () => Promise<void> };
let page: Page;

async function startHost(): Promise<string> {
  if (!existsSync(CLI)) throw new Error('dist/web/cli.js fehlt: erst „npm run build“ ausführen.');
  const config = path.join(tmp, 'config');
  await mkdir(config, { recursive: true });
  const node = [process.execPath, CLI, '--library', library, '--config', config];
  let command = node;
  if (process.getuid?.() === 0) {
    if (!existsSync('/usr/bin/setpriv')) throw new Error('setpriv fehlt (Paket util-linux): nötig, um den Host ohne root zu starten');
    await chown(config, NOBODY, NOBODY);
    command = ['/usr/bin/setpriv', `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', ...node];
  }
  const [file = '', ...args] = command;
  host = spawn(file, args, { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, HOME: tmp } });
  host.once('exit', (code) => (hostExit = code));
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      hostOutput += d.toString();
      const url = /Kladde läuft im Browser: (\S+)/.exec(hostOutput)?.[1];
      if (url) resolve(url);
    };
    host.stdout?.on('data', onData);
    host.stderr?.on('data', onData);
    host.once('exit', (code) => reject(new Error(`Host beendet (${code}): ${hostOutput}`)));
  });
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'kladde-e2e-hostile-'));
  await chmod(tmp, 0o755);
  library = path.join(tmp, 'Bibliothek');
  await buildHostileLibrary(library);
  const url = await startHost();
  browser = await launchChromium();
  page = await browser.context.newPage();
  await page.goto(url);
  await page.locator('[data-post-id="gewoehnlich"]').waitFor();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (host && hostExit === undefined) {
    host.kill('SIGTERM');
    await new Promise((r) => host.once('exit', r));
  }
  await chmod(path.join(library, 'gesperrt'), 0o755).catch(() => undefined);
  await rm(tmp, { recursive: true, force: true });
});

const item = (id: string) => page.locator(`[data-post-id="${id}"]`);

describe('a hostile library in the browser', () => {
  it('lists every post, the odd ones with their reason', async () => {
    for (const [id, reason] of [
      ['ohne-rechte', 'nicht lesbar (keine Berechtigung)'],
      ['gesperrt', 'nicht lesbar (keine Berechtigung)'],
      ['schleife', 'Verknüpfungen im Kreis'],
      ['alias-bombe', 'Front Matter fehlerhaft'],
      ['binaer', 'keine Textdatei'],
      ['latin-1', 'nicht als UTF-8 gespeichert'],
    ] as const) {
      await expect.poll(() => item(id).locator('.post-problem').textContent(), { timeout: 10_000 }).toContain(reason);
    }
    await expect.poll(() => item('zeilenenden-crlf').locator('.post-title').textContent()).toBe('Windows');
    await expect.poll(() => item('gewoehnlich').locator('.post-problem').count()).toBe(0);
  });

  it('says why a post cannot be opened, and stays usable', async () => {
    await item('ohne-rechte').click();
    await expect.poll(() => page.locator('body').textContent(), { timeout: 10_000 }).toContain('nicht lesbar (keine Berechtigung)');
    expect(await page.locator('body').textContent()).not.toContain('„ohne-rechte“ wurde nicht gefunden');
    await item('binaer').click();
    await expect.poll(() => page.locator('body').textContent(), { timeout: 10_000 }).toContain('keine Textdatei');
    await item('gewoehnlich').click();
    await expect.poll(() => page.locator('.title-input').inputValue()).toBe('Gewöhnlich');
  });

  it('opens CRLF, CR and Latin-1 posts without changing a byte', async () => {
    const ids = ['zeilenenden-crlf', 'zeilenenden-cr', 'zeilenenden-gemischt', 'latin-1', 'mit-bom', 'binaer'];
    const before = await fileHashes(library, ids);
    await item('zeilenenden-crlf').click();
    await expect.poll(() => page.locator('.title-input').inputValue()).toBe('Windows');
    await item('zeilenenden-cr').click();
    await expect.poll(() => page.locator('.title-input').inputValue()).toBe('Altes Mac');
    await item('latin-1').click();
    await expect.poll(() => page.locator('.cm-content').textContent()).toContain('Grüße aus Köln');
    // One keystroke in a read-only (not UTF-8) post: the save is refused, the file keeps its bytes.
    await page.locator('.cm-content').click();
    await page.keyboard.press('End');
    await page.keyboard.type('x');
    await page.waitForTimeout(1500);
    await item('gewoehnlich').click();
    await page.waitForTimeout(500);
    expect(await fileHashes(library, ids)).toEqual(before);
    expect((await readFile(path.join(library, 'latin-1', 'index.md'))).equals(FILE_CASES['latin-1'] ?? Buffer.alloc(0))).toBe(true);
  });

  it('shows a Latin-1 post read-only with the encoding banner, and converts it only when asked', async () => {
    await item('latin-1').click();
    const banner = page.getByTestId('encoding-banner');
    await banner.waitFor();
    await page.locator('.cm-content').click();
    await page.keyboard.press('End');
    await page.keyboard.type('Neu');
    expect(await page.locator('.cm-content').textContent()).not.toContain('Neu');
    await banner.getByRole('button', { name: 'Als UTF-8 umwandeln' }).click();
    await banner.waitFor({ state: 'detached' });
    const converted = await readFile(path.join(library, 'latin-1', 'index.md'));
    expect(new TextDecoder('utf-8', { fatal: true }).decode(converted)).toContain('Grüße aus Köln');
    // Now it is an ordinary post: typing lands in the file.
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Umgewandelt');
    await expect.poll(async () => (await readFile(path.join(library, 'latin-1', 'index.md'), 'utf8')).includes('Umgewandelt')).toBe(true);
  });

  it('survives a folder without permission made while it runs, and keeps reporting', async () => {
    await mkdir(path.join(library, 'gesperrt-im-betrieb'), { mode: 0o000 });
    await new Promise((r) => setTimeout(r, 1000));
    await mkdir(path.join(library, 'danach-neu'));
    await writeFile(path.join(library, 'danach-neu', 'index.md'), '---\ntitle: Danach neu\n---\nText\n');
    await chown(path.join(library, 'danach-neu'), NOBODY, NOBODY).catch(() => undefined);
    await expect.poll(() => item('danach-neu').count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => item('gesperrt-im-betrieb').locator('.post-problem').textContent(), { timeout: 15_000 }).toContain('keine Berechtigung');
    expect(hostExit, hostOutput).toBeUndefined();
    await item('danach-neu').click();
    await expect.poll(() => page.locator('.title-input').inputValue()).toBe('Danach neu');
  });
});
