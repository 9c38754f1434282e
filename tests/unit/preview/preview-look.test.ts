// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { getPreviewLook, onBlogLookRefresh, requestBlogLookRefresh, setPreviewLook, subscribePreviewLook } from '../../../renderer/preview/preview-look.js';

describe('preview look outside React (for menus and commands)', () => {
  it('switches, tells subscribers once per change and keeps the choice for the next start', () => {
    expect(getPreviewLook()).toBe('article');
    const seen: string[] = [];
    const stop = subscribePreviewLook(() => seen.push(getPreviewLook()));
    setPreviewLook('blog');
    setPreviewLook('blog');
    setPreviewLook('article');
    setPreviewLook('blog');
    stop();
    setPreviewLook('article');
    expect(seen).toEqual(['blog', 'article', 'blog']);
    expect(localStorage.getItem('kladde.previewLook')).toBe('article');
  });

  it('asks whoever shows the look to fetch it anew', () => {
    let asked = 0;
    const stop = onBlogLookRefresh(() => asked++);
    requestBlogLookRefresh();
    stop();
    requestBlogLookRefresh();
    expect(asked).toBe(1);
  });
});
