// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { BlogTheme } from '../../../electron/common/blog-theme/blog-theme.js';
import {
  blogLookCaptured,
  blogsChanged,
  getPreviewLook,
  onBlogLookCaptured,
  onBlogLookRefresh,
  onBlogsChanged,
  requestBlogLookRefresh,
  setPreviewLook,
  subscribePreviewLook,
} from '../../../renderer/preview/preview-look.js';

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

  it('hands a look captured elsewhere, and changed blogs, to the preview', () => {
    const got: string[] = [];
    const stopLook = onBlogLookCaptured((theme) => got.push(theme.blogId));
    const stopBlogs = onBlogsChanged(() => got.push('blogs'));
    blogLookCaptured({ blogId: 'mein-blog' } as BlogTheme);
    blogsChanged();
    stopLook();
    stopBlogs();
    blogLookCaptured({ blogId: 'anderer' } as BlogTheme);
    blogsChanged();
    expect(got).toEqual(['mein-blog', 'blogs']);
  });
});
