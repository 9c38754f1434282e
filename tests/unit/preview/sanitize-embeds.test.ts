// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { renderPost } from '../../../electron/common/markdown/render.js';
import { sanitizeToFragment } from '../../../renderer/preview/sanitize.js';

const options = {
  resolveLocalImage: (src: string) => `kladde-media://post/${src}`,
  remoteImageLabel: (src: string) => `Extern: ${src}`,
  blockedEmbedLabel: (host: string) => `Eingebettet von ${host}, nicht geladen`,
};

function preview(markdown: string, withLabel = true): HTMLElement {
  const div = document.createElement('div');
  const { blockedEmbedLabel, ...rest } = options;
  div.append(sanitizeToFragment(renderPost(markdown), withLabel ? { ...rest, blockedEmbedLabel } : rest));
  return div;
}

// The preview never loads a third party: embeds become a placeholder naming the host, remote images stay unloaded.
describe('preview of embeds', () => {
  const POST = [
    '<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" allowfullscreen></iframe>',
    '',
    '```{=html}',
    'https://vimeo.com/76979871',
    '```',
    '',
    '![Fremd](https://cdn.example.org/bild.jpg)',
    '',
  ].join('\n');

  it('shows a placeholder with the host for each embed, and no frame', () => {
    const out = preview(POST);
    expect(out.querySelector('iframe')).toBeNull();
    expect([...out.querySelectorAll('.k-blocked-embed')].map((p) => p.textContent)).toEqual([
      'Eingebettet von www.youtube-nocookie.com, nicht geladen',
      'Eingebettet von vimeo.com, nicht geladen',
    ]);
    expect(out.querySelector('img')?.hasAttribute('src')).toBe(false);
    expect(out.querySelector('img')?.classList.contains('k-remote-image')).toBe(true);
  });

  it('without a label the frame just vanishes, as before', () => {
    const out = preview(POST, false);
    expect(out.querySelector('iframe, .k-blocked-embed')).toBeNull();
  });

  it('a placeholder cannot be used to smuggle markup: the host is escaped text', () => {
    const out = preview('<iframe src="https://evil.example/&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"></iframe>\n');
    expect(out.querySelector('[onerror]')).toBeNull();
    expect(out.querySelectorAll('.k-blocked-embed')).toHaveLength(1);
  });
});
