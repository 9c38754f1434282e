import { mkdir, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { startKladde, type RunningKladde } from './support/kladde.js';

// A post may hold anything. None of this may run code, load anything from the network, or navigate the app.
let kladde: RunningKladde;
let browser: { context: BrowserContext; close: () => Promise<void> };
let page: Page;
let sentinel: Server;
const sentinelHits: string[] = [];
const foreignRequests: string[] = [];
const dialogs: string[] = [];
const popups: string[] = [];

function hostilePosts(s: string): Record<string, string> {
  return {
    script: `<script>window.__pwned = 'script'; alert('script')</script>\n\nText <script src="${s}/script.js"></script>`,
    handlers: `<img src="x" onerror="window.__pwned = 'onerror'">\n\n<p onclick="window.__pwned='onclick'" onmouseover="window.__pwned='hover'">Fahr mit der Maus hierher</p>\n\n<details open ontoggle="window.__pwned='toggle'"><summary>x</summary></details>`,
    links: `[JS-Link](javascript:window.__pwned='link')\n\n<a href="javascript:window.__pwned='a'">A-Link</a>\n\n<a href="data:text/html,<script>alert(1)</script>">Data-Link</a>\n\n<a href="vbscript:msgbox(1)">VB</a>\n\n![Bild](javascript:window.__pwned='img')`,
    frames: `<iframe src="${s}/frame"></iframe>\n\n<iframe srcdoc="<script>parent.__pwned='srcdoc'</script>"></iframe>\n\n<object data="${s}/object"></object>\n\n<embed src="${s}/embed">`,
    meta: `<meta http-equiv="refresh" content="0;url=${s}/meta">\n\n<base href="${s}/base/">\n\n<link rel="stylesheet" href="${s}/style.css">\n\nRelativer [Link](andere-seite.html)`,
    svg: `<svg onload="window.__pwned='svg'" width="20" height="20"><script>window.__pwned='svgscript'</script><image href="${s}/svgimage.png"/><a xlink:href="javascript:window.__pwned='svga'"><text y="15">x</text></a><foreignObject><img src="x" onerror="window.__pwned='fo'"></foreignObject></svg>`,
    forms: `<form action="${s}/form" method="post"><input name="q" value="x"><button id="senden">Senden</button></form>\n\n<button formaction="${s}/formaction">Knopf</button>`,
    remote: `<img src="${s}/remote.png">\n\n![Markdown-Bild](${s}/markdown.png)\n\n<div style="background-image:url(${s}/background.png)">Hintergrund</div>\n\n<style>@import url(${s}/import.css); body{background:url(${s}/body.png)}</style>\n\n<video src="${s}/video.mp4" autoplay></video><audio src="${s}/audio.mp3" autoplay></audio>\n\n<img srcset="${s}/srcset.png 2x" src="lokal.png">`,
    overlay: `<a href="https://example.invalid/falle" style="position:fixed;top:0;left:0;width:100vw;height:100vh;z-index:2147483647;display:block">Falle</a>\n\n<div style="position:absolute;top:0;left:0;width:100vw;height:100vh;z-index:2147483647;background:#fff">Absolut</div>\n\n<dialog open style="position:fixed;inset:0;width:100vw;height:100vh;max-width:none;max-height:none;margin:0;z-index:2147483647">Dialog</dialog>\n\n<div style="posit\\69 on:fixed;top:0;left:0;width:100vw;height:100vh;z-index:2147483647">Maskiert</div>\n\n<div style="--p:fixed;position:var(--p);top:0;left:0;width:100vw;height:100vh;z-index:2147483647">Variable</div>`,
    imagemap: `<img src="karte.png" alt="Karte" usemap="#karte" width="200" height="120"><map name="karte"><area shape="rect" coords="0,0,200,120" href="${s}/area" alt="Bereich"><area shape="default" href="javascript:window.__pwned='area'"></map>`,
    media: `<video src="${s}/video.mp4" autoplay muted controls width="200"></video>\n\n<audio controls autoplay><source src="${s}/audio.mp3" type="audio/mpeg"></audio>\n\n<video controls preload="auto"><source src="//127.0.0.1:${new URL(s).port}/protokollrelativ.mp4"><track kind="captions" src="${s}/untertitel.vtt" default></video>\n\n<picture><source srcset="${s}/picture.webp"><img src="${s}/picture.png" alt="Bild"></picture>`,
    clobber: `<label for="f-excerpt">Auf dieses Label klicken</label>\n\n<img name="kladde" src="lokal.png" alt="n"> <img name="getComputedStyle" src="lokal.png" alt="g">\n\n<p id="f-slug">Ich heiße wie ein Feld der App</p>\n\n<p><a href="#f-slug">Zum Feld springen</a></p>`,
    cssescape: `<div style="--x: u\\72l(${s}/custom.png); background-image: var(--x); width: 50px; height: 50px">Variable mit Escape</div>\n\n<div style="background: u\\72l(${s}/escaped.png)">Escape</div>\n\n<ul style="--y: url(${s}/plain.png); list-style-image: var(--y)"><li>Liste</li></ul>\n\n<p style="--z: image-set('${s}/set.png' 1x); background-image: var(--z)">Image-Set</p>`,
    mutation: `<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned='mxss'"></style></mglyph></table></mtext></math>\n\n<noscript><p title="</noscript><img src=x onerror=window.__pwned='noscript'>"></noscript>\n\n<template><img src=x onerror="window.__pwned='template'"></template>`,
  };
}

beforeAll(async () => {
  sentinel = createServer((req, res) => {
    sentinelHits.push(req.url ?? '');
    res.end('ok');
  });
  await new Promise<void>((r) => sentinel.listen(0, '127.0.0.1', () => r()));
  const s = `http://127.0.0.1:${(sentinel.address() as AddressInfo).port}`;

  kladde = await startKladde();
  for (const [id, body] of Object.entries(hostilePosts(s))) {
    await mkdir(path.join(kladde.library, `boese-${id}`));
    await writeFile(path.join(kladde.library, `boese-${id}`, 'index.md'), `---\ntitle: Böse ${id}\nstatus: draft\n---\n\n${body}\n\n[Normaler Link](https://example.invalid/seite)\n`);
  }
  await mkdir(path.join(kladde.library, 'boese-tief'));
  await writeFile(path.join(kladde.library, 'boese-tief', 'index.md'), `---\ntitle: Böse tief\nstatus: draft\n---\n\nDavor\n\n${'>'.repeat(2000)} ganz unten\n\n[Normaler Link](https://example.invalid/seite)\n`);
  browser = await launchChromium();
  browser.context.on('request', (r) => {
    // A navigation request may come before its frame exists: then it is not the app page's own request.
    let from: Page | null = null;
    try {
      from = r.frame().page();
    } catch {
      from = null;
    }
    if (from !== page) popups.push(r.url());
  });
  page = await browser.context.newPage();
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('request', (r) => {
    if (!r.url().startsWith(kladde.origin) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) foreignRequests.push(r.url());
  });
  await page.goto(kladde.url);
  await page.locator('.cm-content').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await kladde?.stop();
  await new Promise<void>((r) => sentinel?.close(() => r()));
});

describe('hostile posts in the preview', () => {
  for (const id of Object.keys(hostilePosts('http://x'))) {
    it(`runs nothing, loads nothing, navigates nowhere: ${id}`, async () => {
      const appUrl = page.url();
      await page.locator(`[data-post-id="boese-${id}"]`).click();
      await expect.poll(() => page.locator('.title-input').inputValue()).toBe(`Böse ${id}`);
      await expect.poll(() => page.locator('.k-article').textContent()).toContain('Normaler Link');
      const article = page.locator('.k-article');

      // Interact like a curious user: hover and click everything clickable in the preview.
      for (const el of await article.locator('a, button, p, summary, svg, img, label, video, audio, div').all()) {
        await el.hover({ force: true, timeout: 300 }).catch(() => undefined);
        await el.click({ force: true, timeout: 300 }).catch(() => undefined);
      }
      await page.waitForTimeout(300);

      expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
      expect(dialogs).toEqual([]);
      expect(sentinelHits).toEqual([]);
      expect(foreignRequests).toEqual([]);
      expect(page.url()).toBe(appUrl);
      expect(await article.locator('script, iframe, object, embed, form, input, meta, link, base, style, foreignObject, map, area, [usemap]').count()).toBe(0);
      expect(await article.locator('[onerror], [onload], [onclick], [onmouseover], [ontoggle]').count()).toBe(0);
      for (const href of await article.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))) {
        expect(href).toMatch(/^(https?:|mailto:|#)/);
      }
    });
  }

  it('opens an ordinary web link outside the app, never in it', async () => {
    const appUrl = page.url();
    popups.length = 0;
    await page.locator('.k-article a', { hasText: 'Normaler Link' }).click();
    await expect.poll(() => popups.some((u) => u.startsWith('https://example.invalid/seite'))).toBe(true);
    expect(page.url()).toBe(appUrl);
  });

  it('cannot lay anything over the rest of the app', async () => {
    await page.locator('[data-post-id="boese-overlay"]').click();
    await expect.poll(() => page.locator('.k-article').textContent()).toContain('Maskiert');
    for (const selector of ['.cm-content', '.post-list', '.title-input']) {
      const box = await page.locator(selector).first().boundingBox();
      if (!box) throw new Error(`${selector} is not shown`);
      const covered = await page.evaluate(
        ([x, y]) => document.elementFromPoint(x ?? 0, y ?? 0)?.closest('.k-article') !== null,
        [box.x + box.width / 2, box.y + box.height / 2],
      );
      expect(covered, `${selector} is covered by the post`).toBe(false);
    }
  });

  it('keeps post ids and names away from the app and from window', async () => {
    await page.locator('[data-post-id="boese-clobber"]').click();
    await expect.poll(() => page.locator('.k-article').textContent()).toContain('Auf dieses Label klicken');
    await page.locator('.k-article label').click();
    expect(await page.evaluate(() => document.activeElement?.id ?? '')).not.toBe('f-excerpt');
    const globals = await page.evaluate(() => ({
      kladde: (window as unknown as Record<string, unknown>)['kladde'] instanceof Element,
      getComputedStyle: typeof window.getComputedStyle,
      slugInPost: document.getElementById('f-slug')?.closest('.k-article') !== null && document.getElementById('f-slug') !== null,
    }));
    expect(globals).toEqual({ kladde: false, getComputedStyle: 'function', slugInPost: false });
    // The in-page link still finds its (namespaced) target.
    expect(await page.locator('.k-article a', { hasText: 'Zum Feld springen' }).getAttribute('href')).toBe('#post-f-slug');
    expect(await page.locator('.k-article #post-f-slug').count()).toBe(1);
  });

  it('opens a post of 2,000 nested quotes without taking the app down', async () => {
    await page.locator('[data-post-id="boese-tief"]').click();
    await expect.poll(() => page.locator('.title-input').inputValue()).toBe('Böse tief');
    await expect.poll(() => page.locator('.k-article .k-render-limit').count()).toBe(1);
    expect(await page.locator('.k-article').textContent()).toContain('Ebenen verschachtelt');
    // What did not fit into the first frame follows when the renderer is idle.
    await expect.poll(() => page.locator('.k-article').textContent()).toContain('Normaler Link');
    // The rest of the app stays usable: another post opens, the editor takes text.
    await page.locator('[data-post-id="boese-script"]').click();
    await expect.poll(() => page.locator('.title-input').inputValue()).toBe('Böse script');
    expect(await page.locator('.post-list').first().isVisible()).toBe(true);
    expect(await page.locator('.cm-content').isVisible()).toBe(true);
  });

  it('shows remote images as placeholders', async () => {
    await page.locator('[data-post-id="boese-remote"]').click();
    await expect.poll(() => page.locator('.k-article .k-remote-image').count()).toBeGreaterThanOrEqual(2);
    expect(sentinelHits).toEqual([]);
  });
});
