import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = process.env['KLADDE_CHROMIUM'] ?? '/usr/bin/chromium';

/**
 * Debian's Chromium driven by playwright-core. Fails loudly when Chromium is missing: the e2e suite must
 * never pass without a browser.
 */
export async function launchChromium(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium fehlt unter ${CHROMIUM}: bitte „apt-get install -y chromium“ ausführen (oder KLADDE_CHROMIUM setzen).`);
  }
  const profile = await mkdtemp(path.join(os.tmpdir(), 'kladde-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 900 },
    locale: 'de-DE',
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--lang=de-DE',
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
