import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { de } from '../../renderer/i18n/de.js';
import { useAppInBrowser } from './support/app-in-browser.js';
import { SCREENSHOT_DIR } from './support/kladde.js';

const paragraphs = Array.from(
  { length: 60 },
  (_, i) => `Absatz ${i + 1}: Die Sonne ging über dem Hafen unter. Auf der Straße wurde es still. Ein Boot lag ruhig am Steg.`,
);
const POST = `---\ntitle: Ein Abend am Hafen\nstatus: draft\n---\n\n${paragraphs.join('\n\n')}\n`;

const app = useAppInBrowser({
  seed: async (library) => {
    await mkdir(path.join(library, 'hafen'));
    await writeFile(path.join(library, 'hafen', 'index.md'), POST);
  },
  open: { id: 'hafen', title: 'Ein Abend am Hafen' },
});

const settings = () => app.kladde.services.settings.get();
const visible = (selector: string) => app.page.locator(selector).isVisible();

async function key(combo: string): Promise<void> {
  await app.page.keyboard.press(combo);
}

/** Puts the cursor at the start of paragraph `n` (near the top of the post) with a click. */
async function cursorTo(n: number): Promise<void> {
  const { page } = app;
  await page.locator('.cm-content').click();
  await key('Control+Home');
  await page.locator('.cm-line', { hasText: `Absatz ${n}:` }).click({ position: { x: 2, y: 4 } });
}

/** Reloads the page and opens the seeded post again (after a reload Kladde opens the newest post, the welcome post). */
async function reloadOnHafen(): Promise<void> {
  const { page } = app;
  await page.reload();
  await page.locator('[data-post-id="hafen"]').click();
  await expect.poll(() => page.locator('.title-input').inputValue()).toBe('Ein Abend am Hafen');
  await page.locator('.cm-content').waitFor();
}

/** Where the cursor's line sits in the editor, from 0 (top) to 1 (bottom). */
const cursorHeight = () =>
  app.page.evaluate(() => {
    const scroller = document.querySelector('.cm-scroller');
    const line = document.querySelector('.cm-activeLine');
    if (!scroller || !line) return -1;
    const s = scroller.getBoundingClientRect();
    const l = line.getBoundingClientRect();
    return (l.top + l.height / 2 - s.top) / s.height;
  });

describe('focus mode', () => {
  it('Strg+Umschalt+Eingabe hides library, fields and preview, and brings them back', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.locator('.cm-content').click();
    expect(await visible('nav.sidebar')).toBe(true);
    expect(await visible('.title-input')).toBe(true);
    expect(await visible('.preview-pane')).toBe(true);
    await key('Control+Shift+Enter');
    await expect.poll(() => visible('nav.sidebar')).toBe(false);
    expect(await visible('.title-input')).toBe(false);
    expect(await visible('.preview-pane')).toBe(false);
    expect(await visible('[data-testid="leave-focus"]')).toBe(true);
    // The text keeps the focus and can be typed into.
    expect(await page.evaluate(() => document.activeElement?.classList.contains('cm-content'))).toBe(true);
    expect((await settings()).focusMode).toBe(true);
    await page.getByTestId('leave-focus').click();
    await expect.poll(() => visible('nav.sidebar')).toBe(true);
    expect(await visible('.title-input')).toBe(true);
    expect(await visible('.preview-pane')).toBe(true);
  });

  it('keeps the preview when the setting says so', async () => {
    const { page } = app;
    await page.getByRole('button', { name: new RegExp(de['settings.open']) }).first().click();
    await page.getByLabel(de['settings.focusHidesPreview']).uncheck();
    await page.getByRole('button', { name: de['settings.close'] }).click();
    await page.locator('.cm-content').click();
    await key('Control+Shift+Enter');
    await expect.poll(() => visible('nav.sidebar')).toBe(false);
    expect(await visible('.preview-pane')).toBe(true);
    await key('Control+Shift+Enter');
    await expect.poll(() => visible('nav.sidebar')).toBe(true);
    await app.kladde.services.settings.update({ focusHidesPreview: true });
  });

  it('typewriter scrolling keeps the cursor line in the middle while typing and moving', async () => {
    const { page } = app;
    await page.getByRole('button', { name: new RegExp(de['settings.open']) }).first().click();
    await page.getByLabel(de['settings.typewriterScrolling']).check();
    await page.getByRole('button', { name: de['settings.close'] }).click();
    await page.locator('.cm-editor.cm-typewriter').waitFor();
    await page.locator('.cm-content').click();
    await key('Control+End');
    await page.keyboard.type('Neu getippt am Ende.');
    await expect.poll(cursorHeight).toBeGreaterThan(0.4);
    expect(await cursorHeight()).toBeLessThan(0.6);
    for (let i = 0; i < 12; i++) await key('ArrowUp');
    await expect.poll(cursorHeight).toBeGreaterThan(0.4);
    expect(await cursorHeight()).toBeLessThan(0.6);
    await app.kladde.services.settings.update({ typewriterScrolling: false });
    await reloadOnHafen();
    await expect.poll(() => page.locator('.cm-editor.cm-typewriter').count()).toBe(0);
  });

  it('dims everything but the current paragraph, or the current sentence', async () => {
    const { page } = app;
    await page.getByRole('button', { name: new RegExp(de['settings.open']) }).first().click();
    await page.getByLabel(de['settings.dimming']).selectOption('paragraph');
    await page.getByRole('button', { name: de['settings.close'] }).click();
    await cursorTo(3);
    await key('ArrowRight');
    const lineStates = () =>
      page.evaluate(() =>
        Array.from(document.querySelectorAll('.cm-line'))
          .filter((l) => l.textContent?.startsWith('Absatz '))
          .map((l) => ({ text: l.textContent?.slice(0, 9) ?? '', dimmed: l.classList.contains('cm-dimmed'), marks: l.querySelectorAll('.cm-dimmed').length })),
      );
    await expect.poll(async () => (await lineStates()).filter((l) => !l.dimmed).map((l) => l.text)).toEqual(['Absatz 3:']);
    expect((await lineStates()).filter((l) => l.dimmed).length).toBeGreaterThan(3);

    await page.getByRole('button', { name: new RegExp(de['settings.open']) }).first().click();
    await page.getByLabel(de['settings.dimming']).selectOption('sentence');
    await page.getByRole('button', { name: de['settings.close'] }).click();
    await cursorTo(3);
    await key('ArrowRight');
    // In paragraph 3 the first sentence is bright, the rest of the line is dimmed by a mark.
    const bright = () =>
      page.evaluate(() => {
        const line = Array.from(document.querySelectorAll('.cm-line')).find((l) => l.textContent?.startsWith('Absatz 3:'));
        if (!line) return null;
        const dimmed = Array.from(line.querySelectorAll('.cm-dimmed')).map((m) => m.textContent ?? '').join('');
        return { dimmedLine: line.classList.contains('cm-dimmed'), dimmed };
      });
    await expect.poll(bright).toEqual({ dimmedLine: false, dimmed: ' Auf der Straße wurde es still. Ein Boot lag ruhig am Steg.' });
    await app.kladde.services.settings.update({ dimming: false });
  });

  it('shows the progress towards the word goal written into the front matter', async () => {
    const { page } = app;
    await reloadOnHafen();
    await page.keyboard.press('Control+Shift+P');
    await page.locator('dialog.command-palette input').fill('wortziel');
    await page.keyboard.press('Enter');
    await page.getByLabel(de['wordGoal.label']).fill('2000');
    await page.getByRole('button', { name: de['wordGoal.save'] }).click();
    await expect.poll(() => page.getByTestId('word-goal').getAttribute('aria-valuemax')).toBe('2000');
    const words = Number(await page.getByTestId('word-goal').getAttribute('aria-valuenow'));
    expect(words).toBeGreaterThan(1000);
    expect(await page.getByTestId('word-goal').textContent()).toBe(
      `${words.toLocaleString('de-DE')} von 2.000 Wörtern (${Math.floor((words / 2000) * 100)} %)`,
    );
    await expect.poll(() => readFile(path.join(app.kladde.library, 'hafen', 'index.md'), 'utf8'), { timeout: 8000 }).toContain(
      '---\ntitle: Ein Abend am Hafen\nstatus: draft\nword_goal: 2000\n---\n',
    );
  });

  it('screenshots: fokus-hell.png and fokus-dunkel.png', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 1280, height: 800 });
    await app.kladde.services.settings.update({ dimming: true, dimUnit: 'paragraph', typewriterScrolling: true });
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    for (const [theme, file] of [['light', 'fokus-hell.png'], ['dark', 'fokus-dunkel.png']] as const) {
      await app.kladde.services.settings.update({ theme, focusMode: false });
      await reloadOnHafen();
      await key('Control+Shift+Enter');
      await page.locator('.app-focus .cm-content').waitFor();
      await cursorTo(8);
      await key('End');
      await page.locator('.cm-dimmed').first().waitFor();
      await expect.poll(() => page.evaluate(() => document.documentElement.dataset['theme'])).toBe(theme);
      await page.mouse.move(5, 400);
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, file) });
    }
  });
});
