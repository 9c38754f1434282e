import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from '../../../electron/common/markdown/front-matter.js';
import { renderPost } from '../../../electron/common/markdown/render.js';
import {
  applyThirdPartyChoices,
  embedPlaceholders,
  findThirdParty,
  privateEmbedAddress,
  readThirdPartyChoices,
  setThirdPartyChoice,
  thirdPartyEntries,
  type ThirdPartyPolicy,
} from '../../../electron/common/markdown/third-party.js';

// Real posts through the one renderer: the check reads the HTML that is published, never the Markdown again.
const POST = `---
title: Ausflug
lang: de
---

Ein Bild vom Blog selbst und eins von woanders:

![Blog](https://mein-blog.de/wp-content/uploads/kopf.jpg)

![Fremd](https://cdn.example.org/bild.jpg "Titel")

<iframe width="560" height="315" src="https://www.youtube.com/embed/dQw4w9WgXcQ?si=abc&amp;rel=0" title="Video" allowfullscreen></iframe>

\`\`\`{=html}
https://youtu.be/aqz-KE-bpKQ?t=1m30s
\`\`\`

<div>
https://vimeo.com/76979871
</div>

<iframe src="https://maps.example.com/embed?pb=1"></iframe>

<link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Roboto&display=swap">

<style>
@import url("https://fonts.googleapis.com/css?family=Lato");
.x { background: url(https://bilder.example.net/muster.png); }
</style>

<script src="https://widgets.example.com/w.js"></script>

<script>
console.log('hallo');
</script>

Ein Link nur: https://www.youtube.com/watch?v=dQw4w9WgXcQ

    https://youtu.be/codeblock1

Ende.
`;

const OWN = { ownHosts: ['mein-blog.de'] };
const html = renderPost(POST);

describe('findThirdParty on a rendered post', () => {
  it('lists every third party once, in order, with kind, host and provider', () => {
    const items = findThirdParty(html, OWN);
    expect(items.map((i) => [i.kind, i.host, i.provider, i.canPrivate])).toEqual([
      ['image', 'cdn.example.org', null, false],
      ['video', 'www.youtube.com', 'youtube', true],
      ['video', 'youtu.be', 'youtube', true],
      ['video', 'vimeo.com', 'vimeo', true],
      ['frame', 'maps.example.com', null, false],
      ['font', 'fonts.googleapis.com', null, false],
      ['font', 'fonts.googleapis.com', null, false],
      ['style', 'bilder.example.net', null, false],
      ['script', 'widgets.example.com', null, false],
      ['script', '', null, false],
    ]);
    expect(items[1]?.key).toBe('https://www.youtube.com/embed/dQw4w9WgXcQ?si=abc&rel=0');
    expect(items[9]?.key).toMatch(/^script:[0-9a-f]{8}$/);
  });

  it('leaves out the blog itself, links, code and local images', () => {
    const keys = findThirdParty(html, OWN).map((i) => i.key);
    expect(keys.some((k) => k.includes('mein-blog.de'))).toBe(false);
    expect(keys.some((k) => k.includes('codeblock1'))).toBe(false);
    expect(keys).not.toContain('https://www.youtube.com/watch?v=dQw4w9WgXcQ');
    expect(findThirdParty(renderPost('![Kopf](kopf.jpg)\n\n[YouTube](https://youtube.com/watch?v=dQw4w9WgXcQ)\n'))).toEqual([]);
  });

  it('counts an address used twice once', () => {
    const items = findThirdParty(renderPost('![a](https://x.example/a.png)\n\nText ![b](https://x.example/a.png) drin.\n'));
    expect(items).toHaveLength(1);
    expect(items[0]?.count).toBe(2);
  });

  it('treats a figure with a remote image as one image', () => {
    const out = applyThirdPartyChoices(renderPost(POST), { choices: { 'https://cdn.example.org/bild.jpg': 'remove' }, privateEmbeds: false }, OWN);
    expect(out).not.toContain('cdn.example.org');
    expect(out).not.toContain('<figure class="k-figure"></figure>');
    expect(out).toContain('kopf.jpg');
  });
});

describe('privateEmbedAddress', () => {
  it.each([
    ['https://www.youtube.com/watch?v=dQw4w9WgXcQ', 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ'],
    ['https://youtu.be/aqz-KE-bpKQ?t=1m30s', 'https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?start=90'],
    ['https://m.youtube.com/shorts/abcdefghijk', 'https://www.youtube-nocookie.com/embed/abcdefghijk'],
    ['https://www.youtube.com/embed/dQw4w9WgXcQ?rel=0', 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?rel=0'],
    ['https://vimeo.com/76979871', 'https://player.vimeo.com/video/76979871?dnt=1'],
    ['https://vimeo.com/76979871/a1b2c3d4e5', 'https://player.vimeo.com/video/76979871?h=a1b2c3d4e5&dnt=1'],
    ['https://player.vimeo.com/video/76979871?autoplay=0', 'https://player.vimeo.com/video/76979871?autoplay=0&dnt=1'],
    ['https://www.youtube.com/@kanal', null],
    ['https://vimeo.com/channels/staffpicks', null],
    ['https://example.org/watch?v=dQw4w9WgXcQ', null],
  ])('%s', (input, expected) => {
    expect(privateEmbedAddress(input)).toBe(expected);
  });
});

describe('applyThirdPartyChoices', () => {
  const defaults: ThirdPartyPolicy = { choices: {}, privateEmbeds: true };

  it('embeds YouTube and Vimeo cookie-free by default and keeps the rest', () => {
    const out = applyThirdPartyChoices(html, defaults, OWN);
    expect(out).toMatch(/ src="https:\/\/www\.youtube-nocookie\.com\/embed\/dQw4w9WgXcQ\?si=abc&(?:amp|#38);rel=0" title="Video"/);
    expect(out).toContain('<iframe src="https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?start=90"');
    expect(out).toContain('<iframe src="https://player.vimeo.com/video/76979871?dnt=1"');
    expect(out).not.toMatch(/^https:\/\/youtu\.be/m);
    expect(out).toContain('https://maps.example.com/embed?pb=1');
    expect(out).toContain('https://cdn.example.org/bild.jpg');
    // A link is a link: it stays as written.
    expect(out).toContain('href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"');
  });

  it('keeps everything as written when the setting is off and nothing is chosen', () => {
    expect(applyThirdPartyChoices(html, { choices: {}, privateEmbeds: false }, OWN)).toBe(html);
  });

  it('removes what the writer chose to remove', () => {
    const items = findThirdParty(html, OWN);
    const choices = Object.fromEntries(items.map((i) => [i.key, 'remove' as const]));
    const out = applyThirdPartyChoices(html, { choices, privateEmbeds: true }, OWN);
    expect(findThirdParty(out, OWN)).toEqual([]);
    expect(out).not.toContain('<script');
    expect(out).not.toContain('@import');
    expect(out).toContain('background: none;');
    expect(out).toContain('Ende.');
  });

  it('does not make a frame „private“ that cannot be', () => {
    const entries = thirdPartyEntries(html, { choices: { 'https://maps.example.com/embed?pb=1': 'private' }, privateEmbeds: true }, OWN);
    expect(entries.find((e) => e.host === 'maps.example.com')?.choice).toBe('keep');
    expect(entries.find((e) => e.host === 'vimeo.com')?.choice).toBe('private');
  });

  it('keeps a YouTube embed when the writer says so, even with the setting on', () => {
    const key = 'https://www.youtube.com/embed/dQw4w9WgXcQ?si=abc&rel=0';
    const out = applyThirdPartyChoices(html, { choices: { [key]: 'keep' }, privateEmbeds: true }, OWN);
    expect(out).toContain('src="https://www.youtube.com/embed/dQw4w9WgXcQ?si=abc&amp;rel=0"');
  });
});

describe('embedPlaceholders', () => {
  it('shows each embed as a placeholder naming its host and nothing that loads', () => {
    const out = embedPlaceholders(html, (item) => `Eingebettet von ${item.host}`);
    expect(out).toContain('<p class="k-blocked-embed" data-host="www.youtube.com">Eingebettet von www.youtube.com</p>');
    expect(out).toContain('data-host="youtu.be"');
    expect(out).toContain('data-host="vimeo.com"');
    expect(out).toContain('data-host="maps.example.com"');
    expect(out).not.toContain('<iframe');
  });
});

describe('remembering the choices in the front matter', () => {
  it('writes one key under third_party and reads it back, leaving the rest alone', () => {
    const key = 'https://youtu.be/aqz-KE-bpKQ?t=1m30s';
    const once = setThirdPartyChoice(POST, key, 'keep');
    expect(once).not.toBeNull();
    const twice = setThirdPartyChoice(once ?? '', 'https://cdn.example.org/bild.jpg', 'remove') ?? '';
    expect(twice.slice(twice.indexOf('\n---\n'))).toBe(POST.slice(POST.indexOf('\n---\n')));
    expect(twice).toContain('title: Ausflug\nlang: de\n');
    const parsed = parseFrontMatter(twice);
    expect(parsed.ok && readThirdPartyChoices(parsed.data)).toEqual({ [key]: 'keep', 'https://cdn.example.org/bild.jpg': 'remove' });
  });

  it('ignores malformed entries', () => {
    expect(readThirdPartyChoices({ third_party: { a: 'remove', b: 'weg', c: 3 } })).toEqual({ a: 'remove' });
    expect(readThirdPartyChoices({ third_party: ['remove'] })).toEqual({});
    expect(readThirdPartyChoices({})).toEqual({});
  });

  it('refuses broken front matter instead of guessing', () => {
    expect(setThirdPartyChoice('---\ntitle: [kaputt\n---\n\nText\n', 'https://x.example/a.png', 'remove')).toBeNull();
  });
});

describe('what WordPress gets in blocks', () => {
  it('a bare YouTube line made cookie-free goes out as a frame in an HTML block', async () => {
    const { toBlockMarkup } = await import('../../../electron/common/markdown/wp-blocks.js');
    const post = 'Vorher.\n\n```{=html}\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n```\n\nNachher.\n';
    const blocks = toBlockMarkup(applyThirdPartyChoices(renderPost(post), { choices: {}, privateEmbeds: true }));
    expect(blocks).toContain('<!-- wp:html -->\n<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"');
    expect(blocks).not.toContain('www.youtube.com/watch');
    expect(blocks).toContain('Nachher.');
  });
});
