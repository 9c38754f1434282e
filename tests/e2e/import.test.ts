import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWordPress, type WordPressServer } from '../support/wordpress/index.js';
import { tinyPng } from '../unit/images/tiny-images.js';
import { useAppInBrowser } from './support/app-in-browser.js';
import { SCREENSHOT_DIR } from './support/kladde.js';

// Issue 9, done when: „connect a blog over XML-RPC in the UI, import its posts with visible progress, open one, see
// the credited figure in the preview“. The real WordPress on loopback holds a few posts made through PHP, one of
// them with a real attachment inside a `[caption]` credited „Bild: Rike/ pixelio.de“, as the post Kladde was
// designed around.
let wp: WordPressServer;
const dialog = () => app.page.getByRole('dialog', { name: 'Beiträge holen' });

/** Three posts (classic with a credited caption, classic plain, a block draft) and the caption's attachment. */
const CREATE_POSTS = `
wp_set_current_user(1);
$upload = wp_upload_dir();
$file = $upload['path'] . '/hafen.png';
file_put_contents($file, base64_decode($kladde_input['png']));
$att = wp_insert_attachment(array('post_mime_type' => 'image/png', 'post_title' => 'Hafen', 'post_status' => 'inherit'), $file);
update_post_meta($att, '_wp_attachment_image_alt', 'Der Hafen am Abend');
wp_update_attachment_metadata($att, array('width' => 64, 'height' => 48, 'file' => _wp_relative_upload_path($file)));
$url = wp_get_attachment_url($att);
$caption = '[caption id="attachment_' . $att . '" align="alignnone" width="64"]<img class="size-full wp-image-' . $att
  . '" src="' . $url . '" alt="Der Hafen am Abend" width="64" height="48" /> Bild: Rike/ pixelio.de[/caption]';
$ids = array(
  wp_insert_post(array('post_title' => 'Social Media: Unvergleichlich', 'post_name' => 'social-media-unvergleichlich',
    'post_content' => $caption . "\\n\\nEin Hafen im Januar, und was Social Media daraus macht.", 'post_status' => 'publish',
    'post_date' => '2013-01-03 10:00:00'), true),
  wp_insert_post(array('post_title' => 'Zweiter Beitrag', 'post_content' => "Ein <strong>kurzer</strong> Text.\\n\\nMit zwei Absätzen.",
    'post_status' => 'publish', 'post_date' => '2013-01-05 09:00:00'), true),
  wp_insert_post(array('post_title' => 'Ein Entwurf', 'post_status' => 'draft',
    'post_content' => "<!-- wp:paragraph -->\\n<p>Noch nicht fertig.</p>\\n<!-- /wp:paragraph -->"), true),
);
foreach ($ids as $id) if (is_wp_error($id)) { fwrite(STDERR, $id->get_error_message()); exit(1); }
echo json_encode(array('posts' => $ids, 'attachment' => $att));
`;

beforeAll(async () => {
  wp = await startWordPress();
  await wp.runPhp(CREATE_POSTS, { png: tinyPng(64, 48).toString('base64') });
  await mkdir(SCREENSHOT_DIR, { recursive: true });
});
afterAll(async () => {
  await wp?.stop();
});
const app = useAppInBrowser();

describe('bringing a WordPress blog home over XML-RPC in the UI', () => {
  it('connects the blog over XML-RPC and is offered to fetch its posts', async () => {
    await app.page.getByRole('button', { name: /Einstellungen/ }).click();
    await app.page.getByRole('dialog').getByRole('button', { name: 'Blogs verwalten' }).click();
    await app.page.locator('#blog-url').fill(wp.baseUrl);
    await app.page.getByText('Erweitert', { exact: true }).click();
    await app.page.locator('#blog-kind').selectOption('wordpress-xmlrpc');
    await app.page.getByRole('button', { name: 'Blog hinzufügen' }).click();
    await expect.poll(() => app.page.locator('#blog-user').count(), { timeout: 15_000 }).toBe(1);
    await app.page.locator('#blog-user').fill(wp.user);
    await app.page.locator('#blog-secret').fill(wp.password);
    await app.page.getByRole('button', { name: 'Anmelden', exact: true }).click();
    const settings = app.page.locator('.blog-settings');
    await expect.poll(() => settings.textContent(), { timeout: 15_000 }).toContain('Angemeldet als');
    expect(await settings.textContent()).toContain('Jetzt Beiträge holen?');
    await app.page.screenshot({ path: path.join(SCREENSHOT_DIR, 'import-einladung.png') });
  });

  it('lists the blog’s posts and imports all of them with visible progress', async () => {
    await app.page.locator('.blog-settings .import-invite').getByRole('button', { name: 'Beiträge holen …' }).click();
    const rows = dialog().locator('.import-post');
    await expect.poll(() => rows.allTextContents(), { timeout: 20_000 }).toContainEqual(expect.stringContaining('Social Media: Unvergleichlich'));
    const listed = await rows.allTextContents();
    expect(listed.find((r) => r.includes('Social Media: Unvergleichlich'))).toContain('3. Januar 2013');
    expect(listed.find((r) => r.includes('Ein Entwurf'))).toContain('Entwurf');
    await app.page.screenshot({ path: path.join(SCREENSHOT_DIR, 'import-liste.png') });

    // Every progress line the dialog shows is recorded as it appears, so a fast import cannot slip past the check.
    await app.page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { importProgressSeen: string[] }).importProgressSeen = seen;
      new MutationObserver(() => {
        const text = document.querySelector('[data-testid="import-count"]')?.textContent;
        if (text && seen.at(-1) !== text) seen.push(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await dialog().getByRole('button', { name: 'Alle holen' }).click();
    const summary = app.page.getByTestId('import-summary');
    await expect.poll(() => summary.count(), { timeout: 60_000 }).toBe(1);
    const seen = await app.page.evaluate(() => (window as unknown as { importProgressSeen: string[] }).importProgressSeen);
    expect(seen.length).toBeGreaterThan(0);
    // Before the blog has said how many there are, the count stands alone („0 Beiträge geholt …“).
    expect(seen.filter((line) => !/^\d+ von \d+ Beiträgen?$|^\d+ Beitr(?:ag|äge) geholt …$/.test(line))).toEqual([]);
    expect(seen.some((line) => / von \d+ Beiträgen?$/.test(line))).toBe(true);
    expect(await summary.textContent()).toContain('Fertig.');
    const counts = await dialog().locator('.import-counts li').allTextContents();
    expect(counts.find((c) => c.endsWith(' neu'))).toMatch(/^\d+ Beiträge neu$/);
    expect(counts.some((c) => c.includes('fehlgeschlagen'))).toBe(false);
    await app.page.screenshot({ path: path.join(SCREENSHOT_DIR, 'import-ergebnis.png') });
  });

  it('opens the imported post from the summary and shows the credited figure in the preview', async () => {
    await dialog().locator('button.import-result', { hasText: 'Social Media: Unvergleichlich' }).click();
    await expect.poll(() => dialog().count()).toBe(0);
    await expect.poll(() => app.page.locator('.title-input').inputValue()).toBe('Social Media: Unvergleichlich');
    const figure = app.page.locator('.k-article figure');
    await expect.poll(() => figure.locator('figcaption').textContent(), { timeout: 15_000 }).toMatch(/^Bild: Rike \/ pixelio\.de/);
    // The image was downloaded into the post's folder: the preview loads it from there, not from the blog.
    expect(await figure.locator('img').getAttribute('src')).toMatch(/^\/media\//);
    expect(await figure.locator('img').getAttribute('alt')).toBe('Der Hafen am Abend');
    await expect.poll(() => app.page.locator('.post-list').textContent()).toContain('Zweiter Beitrag');
    await app.page.screenshot({ path: path.join(SCREENSHOT_DIR, 'import-beitrag.png') });
  });
});
