import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_SPECS, type CommandId } from '../../electron/common/model/commands.js';
import { de } from '../../renderer/i18n/de.js';
import { en } from '../../renderer/i18n/en.js';
import { useAppInBrowser } from './support/app-in-browser.js';

const POST = `---
title: Ein Abend am Hafen
status: draft
---

Erster Absatz mit "geraden" Anführungszeichen.

Zweiter Absatz. Noch ein Satz.
`;

const app = useAppInBrowser({
  seed: async (library) => {
    await mkdir(path.join(library, 'hafen'));
    await writeFile(path.join(library, 'hafen', 'index.md'), POST);
  },
  open: { id: 'hafen', title: 'Ein Abend am Hafen' },
});

const paletteIds = COMMAND_SPECS.filter((c) => !('paletteHidden' in c && c.paletteHidden)).map((c) => c.id);
type PaletteId = Exclude<CommandId, 'commandPalette' | 'about'>;

const palette = () => app.page.locator('dialog.command-palette[open]');
const openDialogLabel = () => app.page.locator('dialog[open]').first().getAttribute('aria-label');
const dialogCount = () => app.page.locator('dialog[open]').count();
const postCount = () => app.page.locator('[data-post-id]').count();
const editorText = () => app.page.locator('.cm-content').evaluate((el) => (el as HTMLElement).innerText);
const htmlAttr = (name: 'theme' | 'lang') =>
  app.page.evaluate((n) => (n === 'lang' ? document.documentElement.lang : (document.documentElement.dataset['theme'] ?? '')), name);

async function openPalette(): Promise<void> {
  await app.page.keyboard.press('Control+Shift+P');
  await palette().waitFor();
}

/** Opens the palette, types the command's label as shown, checks it is the chosen entry, and presses Enter. */
async function runFromPalette(id: CommandId): Promise<void> {
  const { page } = app;
  await openPalette();
  const label = (await page.locator(`[data-command-id="${id}"] .palette-label`).textContent()) ?? '';
  expect(label, id).not.toBe('');
  await page.locator('dialog.command-palette input').fill(label);
  await expect.poll(() => palette().locator('[role="option"][aria-selected="true"]').getAttribute('data-command-id'), { message: id }).toBe(id);
  const active = await page.locator('dialog.command-palette input').getAttribute('aria-activedescendant');
  expect(active).toBe(`command-${id}`);
  await page.keyboard.press('Enter');
  await expect.poll(() => palette().count()).toBe(0);
}

async function closeDialogs(): Promise<void> {
  for (let i = 0; i < 5 && (await dialogCount()) > 0; i++) {
    await app.page.keyboard.press('Escape');
    await app.page.waitForTimeout(50);
  }
  expect(await dialogCount()).toBe(0);
}

async function openPost(id: string): Promise<void> {
  await app.page.locator(`[data-post-id="${id}"]`).click();
  await expect.poll(() => app.page.locator('.title-input').count()).toBe(1);
}

/** Puts a new last line with `text` into the open post and selects it (or, with `select: false`, leaves the cursor after it). */
async function typeLastLine(text: string, select = true): Promise<void> {
  const { page } = app;
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type(text);
  if (select) await page.keyboard.press('Shift+Home');
}

type Check = (run: () => Promise<void>) => Promise<void>;

const opensDialog =
  (title: (label: string) => boolean): Check =>
  async (run) => {
    await run();
    await expect.poll(async () => title((await openDialogLabel()) ?? '')).toBe(true);
    await closeDialogs();
  };

const formats =
  (line: string, expected: string): Check =>
  async (run) => {
    await typeLastLine(line);
    await run();
    await expect.poll(editorText).toContain(expected);
  };

/** „Exportieren …“ opens with the command's kind chosen. */
const exportChosen =
  (kind: 'html' | 'pdf' | 'zip'): Check =>
  async (run) => {
    await run();
    await expect.poll(openDialogLabel).toBe(de['export.title']);
    await expect.poll(() => app.page.locator('input[name="export-kind"]:checked').getAttribute('value')).toBe(kind);
    await closeDialogs();
  };

/** An observable effect for every command in the palette; a command added without one fails to compile. */
const checks: Record<PaletteId, Check> = {
  newPost: async (run) => {
    const before = await postCount();
    await run();
    await expect.poll(postCount).toBe(before + 1);
    await expect.poll(() => app.page.locator('.title-input').inputValue()).toBe(de['library.newTitle']);
    await openPost('hafen');
  },
  save: async (run) => {
    await typeLastLine('Gesichert per Palette.', false);
    await run();
    await expect.poll(() => app.page.getByTestId('save-state').textContent()).toBe(de['save.saved']);
    expect(await readFile(path.join(app.kladde.library, 'hafen', 'index.md'), 'utf8')).toContain('Gesichert per Palette.');
  },
  importPosts: opensDialog((l) => l === de['import.title']),
  blogs: opensDialog((l) => l === de['blogs.title']),
  outbox: opensDialog((l) => l === de['outbox.title']),
  settings: opensDialog((l) => l === de['settings.title']),
  find: async (run) => {
    await run();
    await app.page.locator('.cm-search').waitFor();
    await app.page.keyboard.press('Escape');
    await expect.poll(() => app.page.locator('.cm-search').count()).toBe(0);
  },
  librarySearch: opensDialog((l) => l === de['search.title']),
  fixQuotes: async (run) => {
    expect(await editorText()).toContain('"geraden"');
    await run();
    await expect.poll(editorText).toContain('„geraden“');
  },
  insertImage: async (run) => {
    const chooser = app.page.waitForEvent('filechooser');
    await run();
    expect((await chooser).isMultiple()).toBe(true);
  },
  bold: formats('fettprobe', '**fettprobe**'),
  italic: formats('kursivprobe', '*kursivprobe*'),
  link: formats('linkprobe', '[linkprobe](https://)'),
  heading1: formats('kopf eins', '# kopf eins'),
  heading2: formats('kopf zwei', '## kopf zwei'),
  heading3: formats('kopf drei', '### kopf drei'),
  paragraph: async (run) => {
    await typeLastLine('## wieder Text');
    await run();
    await expect.poll(async () => (await editorText()).split('\n').includes('wieder Text')).toBe(true);
  },
  publish: opensDialog((l) => l.startsWith(de['publish.title'].replace('{title}', ''))),
  renamePost: opensDialog((l) => l === de['dialog.renameTitle']),
  duplicatePost: async (run) => {
    const before = await postCount();
    await run();
    await expect.poll(postCount).toBe(before + 1);
    await openPost('hafen');
  },
  deletePost: opensDialog((l) => l === de['dialog.deleteTitle']),
  showTrash: async (run) => {
    await run();
    await app.page.getByRole('navigation', { name: de['library.trash'] }).waitFor();
    await app.page.getByRole('button', { name: `← ${de['library.back']}` }).click();
    await app.page.locator('[data-post-id="hafen"]').waitFor();
  },
  wordGoal: opensDialog((l) => l === de['wordGoal.title']),
  history: opensDialog((l) => l === de['history.title']),
  exportHtml: exportChosen('html'),
  exportPdf: exportChosen('pdf'),
  exportLibrary: exportChosen('zip'),
  togglePreview: async (run) => {
    expect(await app.page.locator('.preview-pane').count()).toBe(1);
    await run();
    await expect.poll(() => app.page.locator('.preview-pane').count()).toBe(0);
    await runFromPalette('togglePreview');
    await expect.poll(() => app.page.locator('.preview-pane').count()).toBe(1);
  },
  previewLook: async (run) => {
    const checked = (label: string) => app.page.getByRole('radio', { name: label }).getAttribute('aria-checked');
    expect(await checked(de['preview.lookArticle'])).toBe('true');
    await run();
    await expect.poll(() => checked(de['preview.lookBlog'])).toBe('true');
    await runFromPalette('previewLook');
    await expect.poll(() => checked(de['preview.lookArticle'])).toBe('true');
  },
  refreshBlogLook: async (run) => {
    // This library has no blog: the preview switches to the blog's look and says what is missing.
    await run();
    await expect.poll(() => app.page.locator('.preview-look-note').first().textContent()).toBe(de['preview.lookNoBlog']);
    await runFromPalette('previewLook');
    await expect.poll(() => app.page.getByRole('radio', { name: de['preview.lookArticle'] }).getAttribute('aria-checked')).toBe('true');
  },
  toggleSidebar: async (run) => {
    expect(await app.page.locator('nav.sidebar').count()).toBe(1);
    await run();
    await expect.poll(() => app.page.locator('nav.sidebar').count()).toBe(0);
    await runFromPalette('toggleSidebar');
    await expect.poll(() => app.page.locator('nav.sidebar').count()).toBe(1);
  },
  focusMode: async (run) => {
    await run();
    await expect.poll(() => app.page.locator('.app-focus').count()).toBe(1);
    expect(await app.page.locator('nav.sidebar').count()).toBe(0);
    expect(await app.page.locator('.post-panels').isHidden()).toBe(true);
    await runFromPalette('focusMode');
    await expect.poll(() => app.page.locator('nav.sidebar').count()).toBe(1);
  },
  typewriterScrolling: async (run) => {
    expect(await app.page.locator('.cm-editor.cm-typewriter').count()).toBe(0);
    await run();
    await expect.poll(() => app.page.locator('.cm-editor.cm-typewriter').count()).toBe(1);
    await runFromPalette('typewriterScrolling');
    await expect.poll(() => app.page.locator('.cm-editor.cm-typewriter').count()).toBe(0);
  },
  dimming: async (run) => {
    expect(await app.page.locator('.cm-dimmed').count()).toBe(0);
    await run();
    await expect.poll(() => app.page.locator('.cm-dimmed').count()).toBeGreaterThan(0);
    await runFromPalette('dimming');
    await expect.poll(() => app.page.locator('.cm-dimmed').count()).toBe(0);
  },
  toggleTheme: async (run) => {
    const before = await htmlAttr('theme');
    await run();
    await expect.poll(() => htmlAttr('theme')).toBe(before === 'dark' ? 'light' : 'dark');
    await runFromPalette('toggleTheme');
    await expect.poll(() => htmlAttr('theme')).toBe(before);
  },
  switchUiLanguage: async (run) => {
    expect(await htmlAttr('lang')).toBe('de');
    await run();
    await expect.poll(() => htmlAttr('lang')).toBe('en');
    await openPalette();
    // The palette speaks the new language.
    expect(await app.page.locator('[data-command-id="newPost"] .palette-label').textContent()).toBe(en['command.newPost']);
    await app.page.keyboard.press('Escape');
    await runFromPalette('switchUiLanguage');
    await expect.poll(() => htmlAttr('lang')).toBe('de');
  },
};

describe('command palette', () => {
  it('opens with Strg+Umschalt+P, lists every command with its shortcut, and is a labelled dialog with a listbox', async () => {
    const { page } = app;
    await page.locator('.cm-content').click();
    await openPalette();
    const listed = await palette().locator('[role="option"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-command-id')));
    expect(listed).toEqual(paletteIds);
    expect(await palette().getAttribute('aria-label')).toBe(de['palette.title']);
    const input = page.locator('dialog.command-palette input');
    expect(await input.getAttribute('role')).toBe('combobox');
    expect(await input.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.locator('[data-command-id="focusMode"] .palette-shortcut').textContent()).toBe('Strg+Umschalt+Eingabe');
    expect(await page.locator('[data-command-id="togglePreview"] .palette-shortcut').textContent()).toBe('Strg+Alt+P');
    expect(await page.locator('[data-command-id="commandPalette"]').count()).toBe(0);
    await page.keyboard.press('Escape');
    await expect.poll(() => palette().count()).toBe(0);
  });

  it('filters with German folding and moves with the arrow keys', async () => {
    const { page } = app;
    await openPalette();
    const input = page.locator('dialog.command-palette input');
    await input.fill('anfuehrungszeichen');
    const first = () => palette().locator('[role="option"][aria-selected="true"]').getAttribute('data-command-id');
    await expect.poll(first).toBe('fixQuotes');
    await input.fill('ueberschrift');
    await expect.poll(() => palette().locator('[role="option"]').count()).toBe(3);
    await page.keyboard.press('ArrowDown');
    await expect.poll(first).toBe('heading2');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await expect.poll(first).toBe('heading3');
    await input.fill('xyzxyz');
    await expect.poll(() => palette().locator('[role="option"]').count()).toBe(0);
    expect(await page.locator('.palette-status').textContent()).toBe(de['palette.none'].replace('{query}', 'xyzxyz'));
    await page.keyboard.press('Escape');
  });

  it('runs every command it lists, each with its effect', async () => {
    expect(Object.keys(checks).sort()).toEqual([...paletteIds].sort());
    for (const id of paletteIds as PaletteId[]) {
      await closeDialogs();
      await checks[id](() => runFromPalette(id));
    }
    expect(app.pageErrors).toEqual([]);
  });

  it('moved the preview to Strg+Alt+P and focus mode to Strg+Umschalt+Eingabe', async () => {
    const { page } = app;
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+Alt+P');
    await expect.poll(() => page.locator('.preview-pane').count()).toBe(0);
    await page.keyboard.press('Control+Alt+P');
    await expect.poll(() => page.locator('.preview-pane').count()).toBe(1);
    await page.keyboard.press('Control+Shift+Enter');
    await expect.poll(() => page.locator('.app-focus').count()).toBe(1);
    await page.keyboard.press('Control+Shift+Enter');
    await expect.poll(() => page.locator('.app-focus').count()).toBe(0);
  });
});
