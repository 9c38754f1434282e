import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useAppInBrowser } from './support/app-in-browser.js';

// renderer/editor/direct-typing.ts: a typed character goes straight into the editor state; Chromium's own
// contenteditable insertion is cancelled. These tests check it is used, and that typing still behaves as before.

const app = useAppInBrowser();

async function editorText(): Promise<string> {
  return app.page.locator('.cm-content').evaluate((el) => (el as HTMLElement).innerText);
}

/** The middle of a word in the editor, in page coordinates. */
async function wordBox(word: string): Promise<{ x: number; y: number }> {
  return app.page.evaluate((w) => {
    const walker = document.createTreeWalker(document.querySelector('.cm-content') as Node, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(w) ?? -1;
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + w.length);
      const rect = range.getBoundingClientRect();
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    }
    throw new Error(`„${w}“ steht nicht im Editor`);
  }, word);
}

/** Counts the plain text insertions from here on, and how many of them the editor took over. */
async function countInsertions(): Promise<() => Promise<{ all: number; taken: number }>> {
  await app.page.evaluate(() => {
    const w = window as unknown as { __insertions?: { all: number; taken: number } };
    if (!w.__insertions) {
      window.addEventListener('beforeinput', (e) => {
        if (e.inputType !== 'insertText' || !w.__insertions) return;
        w.__insertions.all++;
        if (e.defaultPrevented) w.__insertions.taken++;
      });
    }
    w.__insertions = { all: 0, taken: 0 };
  });
  return () => app.page.evaluate(() => (window as unknown as { __insertions: { all: number; taken: number } }).__insertions);
}

describe('typing goes straight into the editor', () => {
  it('takes every typed character itself, fast typing included, with smart quotes, undo and the file as before', async () => {
    await app.page.getByRole('button', { name: 'Neuer Beitrag' }).click();
    await expect.poll(() => app.page.locator('.title-input').inputValue()).toBe('Neuer Beitrag');
    await app.page.locator('.cm-content').click();
    await app.page.keyboard.press('Control+End');
    const insertions = await countInsertions();
    const typed = 'Schnell getippt: Grüße, Straße und "Zitat" – fertig.';
    // No pause between keys: as fast as Chromium delivers them.
    await app.page.keyboard.type(typed);
    const expected = 'Schnell getippt: Grüße, Straße und „Zitat“ – fertig.';
    await expect.poll(editorText).toContain(expected);
    const counted = await insertions();
    expect(counted.all).toBe([...typed].length);
    expect(counted.taken).toBe(counted.all);
    await expect.poll(() => app.page.locator('.k-article').textContent()).toContain(expected);
    await expect.poll(() => app.page.getByTestId('save-state').textContent(), { timeout: 5000 }).toBe('Gespeichert');
    expect(await readFile(path.join(app.kladde.library, 'neuer-beitrag', 'index.md'), 'utf8')).toContain(expected);

    // Typed in one go, undone in one step, and redone (smart quotes are undo steps of their own, by design).
    await app.page.keyboard.type(' Noch ein Satz in einem Zug.');
    await expect.poll(editorText).toContain(`${expected} Noch ein Satz in einem Zug.`);
    await app.page.keyboard.press('Control+z');
    await expect.poll(editorText).not.toContain('Noch ein Satz');
    expect(await editorText()).toContain(expected);
    await app.page.keyboard.press('Control+y');
    await expect.poll(editorText).toContain(`${expected} Noch ein Satz in einem Zug.`);
  });

  it('replaces a selected word, and types at the place just clicked', async () => {
    const word = await wordBox('Straße');
    await app.page.mouse.dblclick(word.x, word.y);
    await app.page.keyboard.type('Gasse');
    await expect.poll(editorText).toContain('Grüße, Gasse und');
    await app.page.locator('.cm-line', { hasText: 'Schnell getippt' }).click({ position: { x: 2, y: 5 } });
    await app.page.keyboard.press('Home');
    await app.page.keyboard.type('Sehr ');
    await expect.poll(editorText).toContain('Sehr Schnell getippt: Grüße, Gasse');
  });

  it('leaves composing (an input method) to Chromium: the composed text arrives once', async () => {
    await app.page.locator('.cm-line', { hasText: 'Sehr Schnell' }).click();
    await app.page.keyboard.press('End');
    const insertions = await countInsertions();
    const cdp = await app.page.context().newCDPSession(app.page);
    await cdp.send('Input.imeSetComposition', { text: 'ni', selectionStart: 2, selectionEnd: 2 });
    await cdp.send('Input.imeSetComposition', { text: 'nih', selectionStart: 3, selectionEnd: 3 });
    await cdp.send('Input.insertText', { text: '你好' });
    await cdp.detach();
    await expect.poll(editorText).toContain('Zug.你好');
    expect(await editorText()).not.toContain('nih');
    expect((await insertions()).taken).toBe(0);
    // Plain typing right after a composition is taken over again.
    await app.page.keyboard.type('!');
    await expect.poll(editorText).toContain('Zug.你好!');
    expect((await insertions()).taken).toBe(1);
    expect(app.pageErrors).toEqual([]);
  });
});
