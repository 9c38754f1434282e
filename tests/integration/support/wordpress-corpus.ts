import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WordPressServer } from '../../support/wordpress/index.js';

/**
 * A corpus of real-shaped posts created IN a real WordPress through PHP (wp_insert_post, media_handle_sideload):
 * the bodies are the import fixtures (tests/fixtures/import/posts), with their example image addresses and media
 * ids replaced by real uploaded attachments (WordPress makes the size variants), plus a featured image whose
 * caption is the credit „Bild: Rike/ pixelio.de“. Each post gets its own title, slug, date, status, terms,
 * excerpt, and some are sticky or closed for comments.
 */

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/import/posts');

export interface CorpusImage {
  /** The fixture's name for it (`hafen`), and the file uploaded (`hafen.jpg`). */
  base: string;
  id: number;
  url: string;
  /** Generated sizes by width. */
  sizes: { width: number; url: string }[];
}

/** One post as it was written into WordPress (the expectation of every route). */
export interface CorpusPost {
  fixture: string;
  id: number;
  title: string;
  slug: string;
  /** Site-local `YYYY-MM-DD HH:MM:SS`, and UTC as WordPress stored it. */
  date: string;
  dateGmt: string;
  status: 'publish' | 'draft' | 'pending' | 'future';
  categories: string[];
  tags: string[];
  excerpt: string;
  sticky: boolean;
  comments: 'open' | 'closed';
  featured: boolean;
  /** post_content as stored. */
  content: string;
  images: CorpusImage[];
}

export interface Corpus {
  posts: CorpusPost[];
  featured: { id: number; url: string; alt: string; caption: string };
}

const UPLOAD = /https:\/\/blog\.example\.de\/wp-content\/uploads\/\d{4}\/\d{2}\/([\w-]+?)(?:-(\d+)x\d+)?\.jpg/g;

/** The example images a fixture names (by base name), and its media ids by the image they belong to. */
function fixtureImages(content: string): { bases: string[]; idToBase: Map<string, string> } {
  const bases = [...new Set([...content.matchAll(UPLOAD)].map((m) => m[1] ?? ''))];
  const idToBase = new Map<string, string>();
  for (const tag of content.match(/<img\s[^>]*>/g) ?? []) {
    const src = [...tag.matchAll(UPLOAD)][0]?.[1];
    const id = /wp-image-(\d+)/.exec(tag)?.[1];
    if (src && id) idToBase.set(id, src);
  }
  // `[gallery ids="…"]` names attachments without any <img>: one upload per id.
  for (const m of content.matchAll(/\[gallery\b[^\]]*\bids="([\d,]+)"/g)) {
    for (const [i, id] of (m[1] ?? '').split(',').entries()) {
      const base = `galerie-${i + 1}`;
      bases.push(base);
      idToBase.set(id, base);
    }
  }
  return { bases, idToBase };
}

/** The fixture with the real attachments' addresses and ids. */
function realContent(content: string, idToBase: Map<string, string>, images: Map<string, CorpusImage>): string {
  const idOf = (old: string): string => {
    const base = idToBase.get(old);
    const image = base ? images.get(base) : undefined;
    return image ? String(image.id) : old;
  };
  return content
    .replace(UPLOAD, (whole, base: string, width?: string) => {
      const image = images.get(base);
      if (!image) return whole;
      if (!width) return image.url;
      // The generated size nearest to the width the fixture showed.
      const wanted = Number(width);
      const size = [...image.sizes].sort((a, b) => Math.abs(a.width - wanted) - Math.abs(b.width - wanted))[0];
      return size?.url ?? image.url;
    })
    .replace(/\bwp-image-(\d+)\b/g, (_w, id: string) => `wp-image-${idOf(id)}`)
    .replace(/\battachment_(\d+)\b/g, (_w, id: string) => `attachment_${idOf(id)}`)
    .replace(/"id":(\d+)/g, (_w, id: string) => `"id":${idOf(id)}`)
    .replace(/\bids="([\d,]+)"/g, (_w, ids: string) => `ids="${ids.split(',').map(idOf).join(',')}"`);
}

const CREATE_PHP = `
wp_set_current_user(1);
kses_remove_filters();
require_once ABSPATH . 'wp-admin/includes/file.php';
require_once ABSPATH . 'wp-admin/includes/media.php';
require_once ABSPATH . 'wp-admin/includes/image.php';
function kladde_image($name, $rgb, $parent) {
  $im = imagecreatetruecolor(1200, 800);
  imagefill($im, 0, 0, imagecolorallocate($im, $rgb[0], $rgb[1], $rgb[2]));
  imagefilledrectangle($im, 100, 100, 500, 400, imagecolorallocate($im, 255 - $rgb[0], 255 - $rgb[1], 255 - $rgb[2]));
  $tmp = wp_tempnam($name);
  imagejpeg($im, $tmp, 80);
  imagedestroy($im);
  $id = media_handle_sideload(array('name' => $name, 'tmp_name' => $tmp), $parent);
  if (is_wp_error($id)) { fwrite(STDERR, 'upload ' . $name . ': ' . $id->get_error_message() . "\\n"); exit(1); }
  $full = wp_get_attachment_url($id);
  $meta = wp_get_attachment_metadata($id);
  $sizes = array();
  foreach (($meta['sizes'] ?? array()) as $s) $sizes[] = array('width' => $s['width'], 'url' => dirname($full) . '/' . $s['file']);
  return array('id' => $id, 'url' => $full, 'sizes' => $sizes);
}
$out = array();
foreach ($kladde_input['posts'] as $p) {
  $id = wp_insert_post(array('post_title' => $p['fixture'], 'post_status' => 'draft', 'post_content' => ''), true);
  if (is_wp_error($id)) { fwrite(STDERR, $id->get_error_message()); exit(1); }
  $images = array();
  foreach ($p['images'] as $img) $images[] = array_merge(array('base' => $img['base']), kladde_image($img['base'] . '.jpg', $img['rgb'], $id));
  $out[] = array('id' => $id, 'images' => $images);
}
$f = $kladde_input['featured'];
$featured = kladde_image($f['name'], $f['rgb'], $out[0]['id']);
wp_update_post(array('ID' => $featured['id'], 'post_excerpt' => $f['caption']));
update_post_meta($featured['id'], '_wp_attachment_image_alt', $f['alt']);
echo json_encode(array('posts' => $out, 'featured' => $featured));
`;

/** Writes every field of the posts (creating terms by name); used to create the corpus and to restore it. */
const WRITE_PHP = `
wp_set_current_user(1);
kses_remove_filters();
$out = array();
foreach ($kladde_input['posts'] as $p) {
  $gmt = get_gmt_from_date($p['date']);
  $r = wp_update_post(wp_slash(array(
    'ID' => $p['id'], 'post_title' => $p['title'], 'post_name' => $p['slug'], 'post_date' => $p['date'],
    'post_date_gmt' => $gmt, 'edit_date' => true, 'post_status' => $p['status'], 'post_content' => $p['content'],
    'post_excerpt' => $p['excerpt'], 'comment_status' => $p['comments'],
  )), true);
  if (is_wp_error($r)) { fwrite(STDERR, $p['fixture'] . ': ' . $r->get_error_message() . "\\n"); exit(1); }
  $cats = array();
  foreach ($p['categories'] as $name) {
    $t = term_exists($name, 'category');
    if (!$t) $t = wp_insert_term($name, 'category');
    if (is_wp_error($t)) { fwrite(STDERR, 'category ' . $name . ': ' . $t->get_error_message() . "\\n"); exit(1); }
    $cats[] = (int) $t['term_id'];
  }
  wp_set_post_categories($p['id'], $cats);
  wp_set_object_terms($p['id'], $p['tags'], 'post_tag');
  if ($p['sticky']) stick_post($p['id']); else unstick_post($p['id']);
  if ($p['featured']) set_post_thumbnail($p['id'], $kladde_input['featuredId']); else delete_post_thumbnail($p['id']);
  clean_post_cache($p['id']);
  $out[] = array('id' => $p['id'], 'gmt' => get_post($p['id'])->post_date_gmt);
}
echo json_encode($out);
`;

function rgbOf(name: string): [number, number, number] {
  const h = createHash('sha256').update(name).digest();
  return [h[0] ?? 0, h[1] ?? 0, h[2] ?? 0];
}

const CATEGORY_SETS = [['Reisen'], ['Über Größe & Maß', 'Reisen'], ['Allgemein'], ['Fotografie']];
const TAG_SETS = [[], ['Hafen', 'Größe & Maß'], ['Urlaub'], ['Facebook', 'Twitter', 'Blog']];
const TITLES = ['Social Media: Unvergleichlich', 'Kaffee & Kuchen „am See“', 'Über Größe – und Maß', 'Ein Tag in Köln 😀'];

/** The fields of the n-th post: varied, with umlauts, entities and every status. */
function fieldsOf(fixture: string, n: number): Omit<CorpusPost, 'id' | 'content' | 'images' | 'dateGmt'> {
  const day = new Date(Date.UTC(2013, 0, 3 + n * 11, 10, 15, 0));
  const iso = day.toISOString().replace('T', ' ').slice(0, 19);
  const status = n === 9 ? 'future' : n % 9 === 4 ? 'draft' : n % 13 === 7 ? 'pending' : 'publish';
  return {
    fixture,
    title: `${TITLES[n % TITLES.length] ?? ''} (${n + 1})`,
    slug: fixture.replace(/\.html$/, ''),
    date: status === 'future' ? `2030-03-01 11:00:00` : iso,
    status,
    categories: CATEGORY_SETS[n % CATEGORY_SETS.length] ?? [],
    tags: TAG_SETS[n % TAG_SETS.length] ?? [],
    excerpt: n % 3 === 0 ? `Kurz & bündig – „${fixture}“.` : '',
    sticky: n === 5,
    comments: n % 7 === 2 ? 'closed' : 'open',
    featured: ['c03-caption-pixelio.html', 'g06-image-credit.html', 'g11-table.html'].includes(fixture),
  };
}

/** Creates the corpus in the running WordPress and returns what it wrote. */
export async function createCorpus(wp: WordPressServer): Promise<Corpus> {
  const fixtures = readdirSync(FIXTURES).filter((f) => f.endsWith('.html')).sort();
  const sources = fixtures.map((f) => ({ fixture: f, raw: readFileSync(path.join(FIXTURES, f), 'utf8') }));
  const found = sources.map((s) => fixtureImages(s.raw));
  const featured = { name: 'kopf.jpg', rgb: [200, 40, 40], caption: 'Bild: Rike/ pixelio.de', alt: 'Ein roter Kopf' };
  const created = JSON.parse(
    await wp.runPhp(CREATE_PHP, {
      posts: sources.map((s, i) => ({ fixture: s.fixture, images: (found[i]?.bases ?? []).map((base) => ({ base, rgb: rgbOf(base) })) })),
      featured,
    }),
  ) as { posts: { id: number; images: CorpusImage[] }[]; featured: { id: number; url: string } };
  const posts: CorpusPost[] = sources.map((s, i) => {
    const made = created.posts[i];
    if (!made) throw new Error(`WordPress created no post for ${s.fixture}`);
    const images = new Map(made.images.map((img) => [img.base, img]));
    return {
      ...fieldsOf(s.fixture, i),
      id: made.id,
      dateGmt: '',
      content: realContent(s.raw, found[i]?.idToBase ?? new Map(), images),
      images: made.images,
    };
  });
  const corpus: Corpus = { posts, featured: { id: created.featured.id, url: created.featured.url, alt: featured.alt, caption: featured.caption } };
  await writeCorpus(wp, corpus);
  return corpus;
}

/** Writes (or writes back) every post of the corpus as it was created. */
export async function writeCorpus(wp: WordPressServer, corpus: Corpus): Promise<void> {
  const written = JSON.parse(await wp.runPhp(WRITE_PHP, { posts: corpus.posts, featuredId: corpus.featured.id })) as { id: number; gmt: string }[];
  for (const w of written) {
    const post = corpus.posts.find((p) => p.id === w.id);
    if (post) post.dateGmt = w.gmt;
  }
}

/**
 * Stored contents normalised by WordPress's own block parser: `serialize_blocks(parse_blocks())` per content,
 * run in the real WordPress (classic text comes back as it was, block markup with canonical delimiters).
 */
export async function wordpressNormalised(wp: WordPressServer, contents: readonly string[]): Promise<string[]> {
  return JSON.parse(await wp.runPhp('echo json_encode(array_map(function ($c) { return serialize_blocks(parse_blocks($c)); }, $kladde_input));', contents)) as string[];
}

/** The stored post_content of the posts, read through PHP (not through the APIs under test). */
export async function storedContents(wp: WordPressServer, ids: readonly number[]): Promise<string[]> {
  return JSON.parse(await wp.runPhp('echo json_encode(array_map(function ($id) { clean_post_cache($id); return get_post($id)->post_content; }, $kladde_input));', ids)) as string[];
}

/** WordPress's own export (Werkzeuge → Daten exportieren: all content), written to `file`. */
export async function exportWxr(wp: WordPressServer, file: string): Promise<number> {
  const out = await wp.runPhp(
    `wp_set_current_user(1);
require_once ABSPATH . 'wp-admin/includes/export.php';
ob_start();
export_wp(array('content' => 'all'));
$xml = ob_get_clean();
file_put_contents($kladde_input, $xml);
echo strlen($xml);`,
    file,
  );
  return Number(out.trim().split('\n').pop());
}

/** What WordPress holds of each post beside its content: pinned, comments, status, slug, terms and featured image. */
export async function storedFields(wp: WordPressServer, ids: readonly number[]): Promise<{ sticky: boolean; comments: string; status: string; slug: string; categories: string[]; tags: string[]; thumbnail: number; excerpt: string; title: string }[]> {
  return JSON.parse(
    await wp.runPhp(
      `echo json_encode(array_map(function ($id) {
  clean_post_cache($id);
  $p = get_post($id);
  return array('sticky' => is_sticky($id), 'comments' => $p->comment_status, 'status' => $p->post_status, 'slug' => $p->post_name,
    'categories' => wp_get_post_categories($id, array('fields' => 'names')), 'tags' => wp_get_post_tags($id, array('fields' => 'names')),
    'thumbnail' => (int) get_post_thumbnail_id($id), 'excerpt' => $p->post_excerpt, 'title' => $p->post_title);
}, $kladde_input));`,
      ids,
    ),
  ) as { sticky: boolean; comments: string; status: string; slug: string; categories: string[]; tags: string[]; thumbnail: number; excerpt: string; title: string }[];
}
