import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from '../../support/browser.js';
import { startKladde, type RunningKladde } from './kladde.js';

export interface AppInBrowser {
  readonly kladde: RunningKladde;
  readonly page: Page;
  /** Uncaught errors of the page, for tests that assert there were none. */
  readonly pageErrors: readonly string[];
}

export interface AppInBrowserOptions {
  /** Writes posts into the fresh library before the page opens. */
  seed?: (library: string) => Promise<void>;
  /** Opens this post and waits until its title is shown; without it, waits for the editor of the start post. */
  open?: { id: string; title: string };
}

/**
 * The real web host on a fresh library and one page of Debian's Chromium showing it, for the tests of one file;
 * everything is stopped after them. Read the fields inside tests or hooks.
 */
export function useAppInBrowser(options: AppInBrowserOptions = {}): AppInBrowser {
  let kladde: RunningKladde | null = null;
  let browser: Awaited<ReturnType<typeof launchChromium>> | null = null;
  let page: Page | null = null;
  const pageErrors: string[] = [];
  const started = <T>(x: T | null): T => {
    if (x === null) throw new Error('Kladde läuft noch nicht im Browser (nur in Tests und Hooks verwenden).');
    return x;
  };
  beforeAll(async () => {
    kladde = await startKladde();
    await options.seed?.(kladde.library);
    browser = await launchChromium();
    page = await browser.context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(kladde.url);
    if (options.open) {
      const { id, title } = options.open;
      await page.locator(`[data-post-id="${id}"]`).click();
      await page.waitForFunction((t) => (document.querySelector('.title-input') as HTMLInputElement | null)?.value === t, title);
    } else {
      await page.locator('.cm-content').waitFor();
    }
  });
  afterAll(async () => {
    await browser?.close();
    await kladde?.stop();
  });
  return {
    get kladde() {
      return started(kladde);
    },
    get page() {
      return started(page);
    },
    pageErrors,
  };
}
