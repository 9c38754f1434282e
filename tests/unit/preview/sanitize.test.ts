// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { sanitizeToFragment, type SanitizeOptions } from '../../../renderer/preview/sanitize.js';

const options: SanitizeOptions = {
  resolveLocalImage: (src) => `kladde-media://post/${src}`,
  remoteImageLabel: (src) => `Extern: ${src}`,
};

function clean(html: string): HTMLElement {
  const div = document.createElement('div');
  div.append(sanitizeToFragment(html, options));
  return div;
}

describe('preview sanitizer', () => {
  it('drops image maps: no <map>, no <area href>, no usemap', () => {
    const out = clean('<img src="karte.png" usemap="#m"><map name="m"><area shape="rect" coords="0,0,9,9" href="https://example.invalid/weg"></map>');
    expect(out.querySelector('map, area')).toBeNull();
    expect(out.querySelector('[usemap]')).toBeNull();
    expect(out.innerHTML).not.toContain('example.invalid');
  });

  it.each(['video', 'audio'])('keeps a remote %s source as a placeholder, loads nothing', (tag) => {
    const out = clean(`<${tag} src="https://example.invalid/a.mp4" autoplay controls><source src="https://example.invalid/b.mp4"><track src="https://example.invalid/c.vtt"></${tag}>`);
    for (const el of out.querySelectorAll('video, audio, source, track')) {
      expect(el.hasAttribute('src')).toBe(false);
      expect(el.getAttribute('data-remote-src')).toMatch(/^https:\/\/example\.invalid\//);
      expect(el.classList.contains('k-remote-media')).toBe(true);
    }
    expect(out.querySelector('[autoplay]')).toBeNull();
    expect(out.querySelector(tag)?.getAttribute('preload')).toBe('none');
  });

  it('points a local media file at the post folder like a local image', () => {
    const out = clean('<video src="film.mp4"></video><audio><source src="ton.mp3"></audio>');
    expect(out.querySelector('video')?.getAttribute('src')).toBe('kladde-media://post/film.mp4');
    expect(out.querySelector('source')?.getAttribute('src')).toBe('kladde-media://post/ton.mp3');
  });

  it('keeps remote images as placeholders', () => {
    const out = clean('<img src="//example.invalid/x.png"><img src="https://example.invalid/y.png">');
    expect([...out.querySelectorAll('img')].map((i) => i.getAttribute('src'))).toEqual([null, null]);
    expect(out.querySelectorAll('.k-remote-image')).toHaveLength(2);
  });

  it('drops CSS custom properties and escapes, which could smuggle url( into a property', () => {
    const out = clean('<div style="--bg: u\\72l(https://example.invalid/x.png); color: red; background: var(--bg)">x</div><p style="--a: 1">y</p>');
    const styles = [...out.querySelectorAll('[style]')].map((e) => e.getAttribute('style') ?? '');
    for (const style of styles) {
      expect(style).not.toContain('--');
      expect(style).not.toContain('var(');
      expect(style).not.toContain('\\');
    }
    expect(out.innerHTML).not.toContain('example.invalid');
  });

  it('still drops styles that fetch and positions that leave the preview', () => {
    const out = clean('<div style="background-image: url(https://example.invalid/x.png)">a</div><div style="position: fixed; color: red">b</div>');
    expect(out.innerHTML).not.toContain('example.invalid');
    expect(out.innerHTML).not.toContain('fixed');
  });

  it('namespaces ids, names and references to them, so a post cannot reach the app', () => {
    const out = clean(
      '<label for="f-excerpt">Label</label><img name="kladde" src="a.png"><p id="outbox">p</p>' +
        '<span aria-labelledby="f-title f-slug">s</span><td headers="h1">t</td><a href="#outbox">Sprung</a><a href="#">Oben</a>',
    );
    expect(out.querySelector('label')?.getAttribute('for')).toBe('post-f-excerpt');
    expect(out.querySelector('img')?.getAttribute('name')).toBe('post-kladde');
    expect(out.querySelector('p')?.id).toBe('post-outbox');
    expect(out.querySelector('span')?.getAttribute('aria-labelledby')).toBe('post-f-title post-f-slug');
    expect(out.querySelector('a')?.getAttribute('href')).toBe('#post-outbox');
    expect(out.querySelectorAll('a')[1]?.getAttribute('href')).toBe('#');
  });

  it('drops attributes that act on other elements by id', () => {
    const out = clean('<div popover id="x">p</div><span popovertarget="conflict-banner" anchor="outbox">s</span>');
    expect(out.querySelector('[popovertarget], [anchor]')).toBeNull();
  });

  it('lets only an HTML link carry a web link; other hrefs must be in-document', () => {
    const out = clean('<svg><a href="https://example.invalid/svg"><text>x</text></a><use href="#icon"></use><image href="https://example.invalid/i.png"></image></svg><a href="relativ.html">r</a><a href="https://example.org/">ok</a>');
    expect(out.innerHTML).not.toContain('example.invalid');
    expect(out.innerHTML).not.toContain('relativ.html');
    for (const el of out.querySelectorAll('[href]')) expect(el.getAttribute('href')).toMatch(/^(?:#post-|https:\/\/example\.org\/)/);
    expect(out.querySelector('a[href="https://example.org/"]')).not.toBeNull();
  });

  it('removes forms, scripts and handlers as before', () => {
    const out = clean('<form action="https://example.invalid/f"><input name="q"><button formaction="x">b</button></form><script>alert(1)</script><img src="a.png" onerror="alert(1)">');
    expect(out.querySelector('form, input, button, script, [onerror]')).toBeNull();
  });
});
