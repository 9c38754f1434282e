import { appendFile, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { setPublishRecord } from '../../../electron/common/markdown/front-matter-publish.js';
import type { RunningKladde } from '../support/kladde.js';
import type { Operation } from './operations.js';
import type { Snapshot, TypedModel } from './oracle.js';

/** Short: an element that is not there within this time means the step cannot be done now (it is skipped). */
const ACT_MS = 2500;
/** How long a reloaded page may take to show the editor (or its start failure). */
const LOAD_MS = 15_000;

/** What became of one step. */
export interface StepOutcome {
  done: boolean;
  note: string;
}

interface EditorWindow {
  cmTile?: { root?: { view?: CmView } };
}
interface CmView {
  state: { doc: { toString(): string; length: number } };
  scrollDOM: HTMLElement;
  posAtDOM(node: Node): number;
}

/**
 * Kladde in Chromium plus the world around it (disk, sync tools, main's publish writer, host restarts), driven
 * step by step like a fast but careful user.
 */
export class KladdeWorld {
  /** The open post's folder, moved away by breakSave, and where it lies meanwhile. */
  private broken: { dir: string; stash: string } | null = null;
  /** Things worth telling in the step log that happened inside a step. */
  notes: string[] = [];

  constructor(
    private readonly page: Page,
    private readonly kladde: RunningKladde,
    private readonly model: TypedModel,
    /** A folder outside the library for moved-away post folders. */
    private readonly stashDir: string,
  ) {}

  async open(): Promise<void> {
    await this.page.goto(this.kladde.url);
    await this.waitForApp();
  }

  // ---------- reading the UI ----------

  /** The id of the post the sidebar marks as open, or null. */
  async activePostId(): Promise<string | null> {
    const ids = await this.page
      .locator('li.post-item.active [data-post-id]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-post-id') ?? ''))
      .catch(() => [] as string[]);
    return ids[0] || null;
  }

  private async postIds(): Promise<string[]> {
    return this.page
      .locator('[data-post-id]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-post-id') ?? '').filter((id) => id !== ''))
      .catch(() => [] as string[]);
  }

  private async postOpen(): Promise<boolean> {
    return (await this.page.locator('.panel-tabs').count()) > 0;
  }

  /** A short state line for the step log: open post and save state. */
  async status(): Promise<string> {
    const id = await this.activePostId();
    const save = await this.page
      .getByTestId('save-state')
      .textContent({ timeout: 300 })
      .catch(() => null);
    const fatal = (await this.page.locator('.fatal').count().catch(() => 0)) > 0 ? await this.page.locator('.fatal').textContent({ timeout: 300 }).catch(() => '?') : null;
    if (fatal) return `Startfehler: ${fatal}`;
    return `offen: ${id ?? '–'}, ${save ?? 'kein Status'}${this.broken ? `, Ordner weg: ${path.basename(this.broken.dir)}` : ''}`;
  }

  /** The editor's whole document from CodeMirror's state (rendered lines are only the visible part). */
  async editorText(): Promise<string | null> {
    return this.page.evaluate(() => {
      const content = document.querySelector('.cm-content') as (Element & EditorWindow) | null;
      if (!content) return null;
      const view = content.cmTile?.root?.view;
      if (!view) throw new Error('CodeMirror-Ansicht nicht gefunden (cmTile): der Test muss an die CodeMirror-Version angepasst werden');
      return view.state.doc.toString();
    });
  }

  async snapshot(): Promise<Snapshot> {
    // The editor first: text only ever moves from the editor to disk, so this order cannot miss a word in transit.
    const editor = await this.editorText().catch((e: unknown) => {
      if (e instanceof Error && e.message.includes('cmTile')) throw e;
      return null;
    });
    const localStorage = await this.page
      .evaluate(() => Object.keys(window.localStorage).map((k) => `${k}=${window.localStorage.getItem(k) ?? ''}`))
      .catch(() => [] as string[]);
    const disk = new Map<string, string>();
    for (const root of [this.kladde.library, this.stashDir]) {
      for (const entry of await readdir(root, { withFileTypes: true }).catch(() => [])) {
        if (!entry.isDirectory() || (root === this.kladde.library && entry.name.startsWith('.'))) continue;
        const file = path.join(root, entry.name, 'index.md');
        const text = await readFile(file, 'utf8').catch(() => null);
        if (text !== null) disk.set(file, text);
      }
    }
    const journal = new Map<string, string>();
    await readTree(path.join(this.kladde.library, '.kladde', 'wiederherstellung'), journal);
    return { editor, disk, journal, localStorage };
  }

  // ---------- dialogs and banners, handled as a careful user would ----------

  /** Answers whatever Kladde asks so that nothing typed is thrown away; returns what it did, for the log. */
  async settle(): Promise<string[]> {
    const did: string[] = [];
    for (let round = 0; round < 4; round++) {
      let acted = false;
      const dialogs = this.page.locator('dialog[open], [role="dialog"], [role="alertdialog"]');
      for (const dialog of await dialogs.all()) {
        if (!(await dialog.isVisible().catch(() => false))) continue;
        const name = (await dialog.getAttribute('aria-label').catch(() => null)) ?? (await dialog.locator('h2').first().textContent({ timeout: 200 }).catch(() => '')) ?? '';
        // Keep the text: restore it, stay with it, keep mine.
        let answered = false;
        for (const label of ['Wiederherstellen', 'Beim Beitrag bleiben', 'Meine behalten']) {
          const button = dialog.getByRole('button', { name: label, exact: false });
          if ((await button.count()) > 0 && (await button.first().isVisible().catch(() => false))) {
            await button.first().click({ timeout: ACT_MS }).catch(() => undefined);
            did.push(`Dialog „${name}“: ${label}`);
            answered = acted = true;
            break;
          }
        }
        if (!answered && name === 'Beitrag umbenennen') {
          // Our own rename that did not go through (e.g. the slug was taken): give up on it.
          await dialog.getByRole('button', { name: 'Abbrechen' }).click({ timeout: ACT_MS }).catch(() => undefined);
          did.push('Umbenennen abgebrochen');
          acted = true;
        } else if (!answered) {
          // A question this model does not know yet: Escape cancels it, which leaves the text where it is.
          await this.page.keyboard.press('Escape');
          did.push(`unbekannter Dialog „${name}“: Escape`);
          acted = true;
        }
      }
      const conflict = this.page.getByTestId('conflict-banner');
      if ((await conflict.count()) > 0) {
        await conflict.getByRole('button', { name: 'Meine behalten' }).click({ timeout: ACT_MS }).catch(() => undefined);
        did.push('Konflikt: Meine behalten');
        acted = true;
      }
      const error = this.page.locator('.banner-error');
      if ((await error.count()) > 0) {
        const text = await error.first().textContent({ timeout: 300 }).catch(() => '');
        await error.first().getByRole('button', { name: 'Meldung schließen' }).click({ timeout: ACT_MS }).catch(() => undefined);
        did.push(`Fehlermeldung: ${(text ?? '').replace(/×$/, '').trim()}`);
        acted = true;
      }
      if (!acted) break;
      await this.page.waitForTimeout(100);
    }
    return did;
  }

  // ---------- steps ----------

  async run(op: Operation, step: number): Promise<StepOutcome> {
    switch (op.kind) {
      case 'type':
        return this.typeWords(op.words, op.where, op.pick, step);
      case 'title':
        return this.editTitle(op.titleWords, op.words, step);
      case 'slug':
        return this.editSlug(op.slug, op.words, step);
      case 'switch':
        return this.switchPost(op.pick);
      case 'create':
        return this.create();
      case 'rename':
        return this.renameFromMenu(op.pick, op.slug);
      case 'duplicate':
        return this.duplicate(op.pick);
      case 'outside':
        return this.outsideEdit(op.openPost, op.pick, op.line);
      case 'breakSave':
        return this.breakSave();
      case 'healSave':
        return this.healSave();
      case 'publishRecord':
        return this.publishRecord(op.openPost, op.pick, op.remoteId);
      case 'reload':
        return this.reload();
      case 'restart':
        return this.restart();
      case 'wait':
        await this.page.waitForTimeout(op.ms);
        return { done: true, note: '' };
    }
  }

  /** Clicks into the editor and types at the end of the post on a new line; the words join the model first. */
  private async typeAtEnd(words: readonly string[], step: number, kind: 'text' | 'title' = 'text'): Promise<boolean> {
    if (!(await this.postOpen())) return false;
    // The middle of the last rendered line: empty space, never the folded front matter's placeholder.
    const clicked = await this.page
      .locator('.cm-content .cm-line')
      .last()
      .click({ timeout: ACT_MS })
      .then(() => true, () => false);
    if (!clicked || !(await this.editorFocused())) return false;
    await this.page.keyboard.press('Control+End');
    await this.page.keyboard.press('Enter');
    return this.typeIntoEditor(` ${words.join(' ')}`.trimStart(), words, step, kind);
  }

  private async editorFocused(): Promise<boolean> {
    return this.page.evaluate(() => document.activeElement?.closest('.cm-content') != null).catch(() => false);
  }

  /**
   * Types with the editor focused. Should a dialog take the focus while the keys go out, the keys went into the
   * dialog, not into the post: such words are not counted (the user would have seen it), so the oracle never
   * blames Kladde for keys the test sent elsewhere.
   */
  private async typeIntoEditor(keys: string, words: readonly string[], step: number, kind: 'text' | 'title'): Promise<boolean> {
    this.model.add(words, step, await this.activePostId(), kind);
    try {
      await this.page.keyboard.type(keys);
    } catch (error) {
      // The keys may not have gone out at all (the page was gone): these words cannot count.
      this.model.forget(words.join(' '));
      throw error;
    }
    if (!(await this.editorFocused())) {
      this.model.forget(words.join(' '));
      this.notes.push(`Fokus verließ den Editor beim Tippen; ${words.join(' ')} nicht gezählt`);
      return false;
    }
    return true;
  }

  private async typeWords(words: readonly string[], where: 'end' | 'line', pick: number, step: number): Promise<StepOutcome> {
    if (where === 'line') {
      const target = await this.page
        .evaluate((p) => {
          const content = document.querySelector('.cm-content') as (Element & EditorWindow) | null;
          const view = content?.cmTile?.root?.view;
          if (!content || !view || !content.checkVisibility()) return null;
          const text = view.state.doc.toString();
          // Only body lines: a word typed onto `---` or into the YAML would be legal but break the fields.
          let bodyFrom = 0;
          if (text.startsWith('---')) {
            const close = text.indexOf('\n---', 3);
            if (close < 0) return null;
            const after = text.indexOf('\n', close + 4);
            bodyFrom = after < 0 ? text.length + 1 : after + 1;
          }
          const box = view.scrollDOM.getBoundingClientRect();
          const lines = [...content.querySelectorAll('.cm-line')]
            .map((el) => ({ pos: view.posAtDOM(el), r: el.getBoundingClientRect() }))
            .filter(({ pos, r }) => pos >= bodyFrom && r.height > 0 && r.top >= box.top && r.bottom <= box.bottom);
          const line = lines[Math.floor(p * lines.length)];
          return line ? { x: Math.max(line.r.left + 2, line.r.right - 3), y: line.r.top + Math.min(line.r.height, 18) / 2 } : null;
        }, pick)
        .catch(() => null);
      if (target) {
        await this.page.mouse.click(target.x, target.y);
        if (await this.editorFocused()) {
          await this.page.keyboard.press('End');
          const typed = await this.typeIntoEditor(` ${words.join(' ')}`, words, step, 'text');
          return { done: typed, note: 'in einer Zeile' };
        }
      }
    }
    return (await this.typeAtEnd(words, step)) ? { done: true, note: 'am Ende' } : { done: false, note: 'kein Beitrag offen' };
  }

  private async fieldsInput(selector: string): Promise<boolean> {
    if (!(await this.postOpen())) return false;
    const tab = this.page.getByRole('tab', { name: 'Felder' });
    if ((await tab.getAttribute('aria-selected', { timeout: ACT_MS }).catch(() => null)) !== 'true') {
      await tab.click({ timeout: ACT_MS }).catch(() => undefined);
    }
    return (await this.page.locator(selector).count()) > 0;
  }

  private async editTitle(titleWords: readonly string[], words: readonly string[], step: number): Promise<StepOutcome> {
    if (!(await this.fieldsInput('.title-input'))) return { done: false, note: 'kein Titelfeld' };
    const input = this.page.locator('.title-input');
    const old = await input.inputValue({ timeout: ACT_MS }).catch(() => null);
    if (old === null) return { done: false, note: 'kein Titelfeld' };
    await input.click({ timeout: ACT_MS });
    await this.page.keyboard.press('Control+A');
    // The old title's words are replaced on purpose.
    this.model.forget(old);
    this.model.add(titleWords, step, await this.activePostId(), 'title');
    await this.page.keyboard.type(`Titel ${titleWords.join(' ')}`);
    const inTitle = await this.page.evaluate(() => document.activeElement?.classList.contains('title-input') === true).catch(() => false);
    if (!inTitle) {
      this.model.forget(titleWords.join(' '));
      this.notes.push(`Fokus verließ das Titelfeld beim Tippen; ${titleWords.join(' ')} nicht gezählt`);
    }
    const typed = await this.typeAtEnd(words, step);
    return { done: true, note: typed ? '' : 'danach kein Editor' };
  }

  private async editSlug(slug: string, words: readonly string[], step: number): Promise<StepOutcome> {
    if (!(await this.fieldsInput('#f-slug'))) return { done: false, note: 'kein Slug-Feld' };
    await this.page.locator('#f-slug').click({ timeout: ACT_MS });
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.type(slug);
    const typed = await this.typeAtEnd(words, step);
    return { done: true, note: typed ? '' : 'danach kein Editor' };
  }

  private async switchPost(pick: number): Promise<StepOutcome> {
    const active = await this.activePostId();
    const others = (await this.postIds()).filter((id) => id !== active);
    const id = others[Math.floor(pick * others.length)];
    if (!id) return { done: false, note: 'kein anderer Beitrag' };
    const ok = await this.page
      .locator(`[data-post-id="${id}"]`)
      .click({ timeout: ACT_MS })
      .then(() => true, () => false);
    await this.page.waitForTimeout(150);
    return { done: ok, note: `→ ${id}` };
  }

  private async create(): Promise<StepOutcome> {
    const ok = await this.page
      .getByRole('button', { name: 'Neuer Beitrag' })
      .click({ timeout: ACT_MS })
      .then(() => true, () => false);
    await this.page.waitForTimeout(150);
    return { done: ok, note: '' };
  }

  private async openMenu(pick: number): Promise<string | null> {
    const ids = await this.postIds();
    const id = ids[Math.floor(pick * ids.length)];
    if (!id) return null;
    const item = this.page.locator('li.post-item', { has: this.page.locator(`[data-post-id="${id}"]`) });
    const ok = await item
      .locator('.post-menu-button')
      .click({ timeout: ACT_MS })
      .then(() => true, () => false);
    return ok ? id : null;
  }

  private async renameFromMenu(pick: number, slug: string): Promise<StepOutcome> {
    const id = await this.openMenu(pick);
    if (!id) return { done: false, note: 'kein Beitrag' };
    const ok = await this.page
      .getByRole('menuitem', { name: 'Umbenennen' })
      .click({ timeout: ACT_MS })
      .then(() => true, () => false);
    if (!ok) return { done: false, note: 'kein Menü' };
    const input = this.page.locator('#rename-slug');
    if (!(await input.click({ timeout: ACT_MS }).then(() => true, () => false))) return { done: false, note: 'kein Umbenennen-Dialog' };
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.type(slug);
    await this.page.keyboard.press('Enter');
    await this.page.waitForTimeout(150);
    return { done: true, note: `${id} → ${slug}` };
  }

  private async duplicate(pick: number): Promise<StepOutcome> {
    const id = await this.openMenu(pick);
    if (!id) return { done: false, note: 'kein Beitrag' };
    const ok = await this.page
      .getByRole('menuitem', { name: 'Duplizieren' })
      .click({ timeout: ACT_MS })
      .then(() => true, () => false);
    await this.page.waitForTimeout(150);
    return { done: ok, note: id };
  }

  private async targetPost(openPost: boolean, pick: number): Promise<string | null> {
    if (openPost) return this.activePostId();
    const ids = await this.postIds();
    return ids[Math.floor(pick * ids.length)] ?? null;
  }

  private async outsideEdit(openPost: boolean, pick: number, line: string): Promise<StepOutcome> {
    const id = await this.targetPost(openPost, pick);
    if (!id) return { done: false, note: 'kein Beitrag' };
    const file = path.join(this.kladde.library, id, 'index.md');
    if (!(await isFile(file))) return { done: false, note: `${id}/index.md fehlt` };
    await appendFile(file, `\n${line}\n`);
    await this.noticeOutsideChange(id);
    return { done: true, note: id };
  }

  /**
   * A careful user notices what Kladde shows after a change on disk (the conflict banner, or the reload notice)
   * before doing anything else; settle() then answers the banner. Clicking on while it is still on its way is
   * left to the steps that follow the outside change at random.
   */
  private async noticeOutsideChange(id: string): Promise<void> {
    if (id !== (await this.activePostId())) return;
    await this.page
      .waitForFunction(() => document.querySelector('[data-testid="conflict-banner"], [data-testid="reloaded-notice"]') !== null, undefined, { timeout: 2000 })
      .catch(() => undefined);
  }

  private async breakSave(): Promise<StepOutcome> {
    if (this.broken) return { done: false, note: 'schon kaputt' };
    const id = await this.activePostId();
    if (!id) return { done: false, note: 'kein Beitrag offen' };
    const dir = path.join(this.kladde.library, id);
    if (!(await isDir(dir))) return { done: false, note: `${id} ist kein Ordner` };
    const stash = path.join(this.stashDir, id);
    await rename(dir, stash);
    await writeFile(dir, 'Hier stand ein Ordner.\n');
    this.broken = { dir, stash };
    return { done: true, note: id };
  }

  async healSave(): Promise<StepOutcome> {
    const broken = this.broken;
    if (!broken) return { done: false, note: 'nichts kaputt' };
    this.broken = null;
    let target = broken.dir;
    if (await isFile(broken.dir)) await rm(broken.dir);
    // Something took the name meanwhile: the folder comes back beside it instead of over it.
    for (let n = 2; await exists(target); n++) target = `${broken.dir}-zurueck-${n}`;
    await rename(broken.stash, target);
    return { done: true, note: path.basename(target) };
  }

  /** Writes `publish.modell-blog` the way main's publish service writes the blog's answer back. */
  private async publishRecord(openPost: boolean, pick: number, remoteId: number): Promise<StepOutcome> {
    const id = await this.targetPost(openPost, pick);
    if (!id || !(await isFile(path.join(this.kladde.library, id, 'index.md')))) return { done: false, note: 'kein Beitrag' };
    const { posts, events } = this.kladde.services;
    const record = {
      id: String(remoteId),
      link: `https://example.org/?p=${remoteId}`,
      modified_gmt: '2026-01-01T10:00:00',
      online_hash: `hash${remoteId}`,
      media: {},
    };
    // The same path as PublishService.writeBack: an own write through the post store, announced as Kladde's own.
    const written = await posts.writeOwnChange(id, (text) => setPublishRecord(text, 'modell-blog', record));
    if (written === null) return { done: false, note: `${id}: Front Matter kaputt` };
    events.emit('postChangedOnDisk', {
      id,
      version: written.version,
      byKladde: { text: written.text, change: { kind: 'publish-record', blogId: 'modell-blog', record } },
    });
    await this.noticeOutsideChange(id);
    return { done: true, note: id };
  }

  private async waitForApp(): Promise<void> {
    await this.page.locator('.sidebar, .fatal').first().waitFor({ timeout: LOAD_MS }).catch(() => undefined);
    // The newest post opens by itself at start.
    await this.page.locator('.cm-content').first().waitFor({ timeout: 3000 }).catch(() => undefined);
    await this.page.waitForTimeout(300);
  }

  private async reload(): Promise<StepOutcome> {
    await this.page.reload();
    await this.waitForApp();
    return { done: true, note: '' };
  }

  private async restart(): Promise<StepOutcome> {
    const before = this.kladde.url;
    await this.kladde.restart();
    if (this.kladde.url === before) {
      // Same address: the page reconnects by itself (its event stream retries every second).
      await this.page.waitForTimeout(1200);
      return { done: true, note: 'gleiche Adresse' };
    }
    // A new address (token or port changed): the user opens what the host printed. Only the fragment may
    // differ, which the browser treats as an in-page jump, so the page is loaded anew.
    await this.page.goto(this.kladde.url);
    await this.page.reload();
    await this.waitForApp();
    return { done: true, note: 'neue Adresse, Seite neu geöffnet' };
  }
}

async function readTree(dir: string, into: Map<string, string>): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await readTree(full, into);
    else if (entry.isFile()) into.set(full, await readFile(full, 'utf8').catch(() => ''));
  }
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(() => true, () => false);
}

async function isFile(p: string): Promise<boolean> {
  return stat(p).then((s) => s.isFile(), () => false);
}

async function isDir(p: string): Promise<boolean> {
  return stat(p).then((s) => s.isDirectory(), () => false);
}
