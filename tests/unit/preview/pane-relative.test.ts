import { describe, expect, it } from 'vitest';
import { paneRelative } from '../../../renderer/preview/pane-relative.js';

describe('paneRelative', () => {
  it('sizes by the preview pane: vw becomes cqw in values', () => {
    expect(paneRelative('.t{font-size:clamp(1.5rem, 5vw, 2rem)}')).toBe('.t{font-size:clamp(1.5rem, 5cqw, 2rem)}');
    expect(paneRelative('.t{font-size:calc(1rem + ((1vw - 0.48rem) * 0.24));width:.5vw;height:10vh}')).toBe(
      '.t{font-size:calc(1rem + ((1cqw - 0.48rem) * 0.24));width:.5cqw;height:10vh}',
    );
  });

  it('leaves strings, comments and url()s alone (base64 may hold „9vw“)', () => {
    const css = '@font-face{src:url("data:font/woff2;base64,AB9vwCD")} .a{background:url(data:image/png;base64,1vw2)} .b::before{content:"3vw"} /* 4vw */ .c{margin:2vw}';
    expect(paneRelative(css)).toBe('@font-face{src:url("data:font/woff2;base64,AB9vwCD")} .a{background:url(data:image/png;base64,1vw2)} .b::before{content:"3vw"} /* 4vw */ .c{margin:2cqw}');
  });

  it('does not touch identifiers that merely contain vw', () => {
    expect(paneRelative('.x-12vwide{--a12vw-b:1} .x-3vw{margin:-3vw}')).toBe('.x-12vwide{--a12vw-b:1} .x-3vw{margin:-3cqw}');
  });
});
