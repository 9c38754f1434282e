/**
 * Which look the preview shows („Artikel“ or „Wie im Blog“), kept across starts, and the request to fetch the
 * blog's look anew — outside React, so a menu or command palette can call {@link setPreviewLook} and
 * {@link requestBlogLookRefresh} as well as the switch above the preview.
 */

import type { BlogTheme } from '../../electron/common/blog-theme/blog-theme';

/** „Artikel“ (Kladde's own article style) or „Wie im Blog“ (the blog theme's look). */
export type PreviewLook = 'article' | 'blog';

const LOOK_KEY = 'kladde.previewLook';
const lookListeners = new Set<() => void>();
const refreshListeners = new Set<() => void>();
const capturedListeners = new Set<(theme: BlogTheme) => void>();
const blogListeners = new Set<() => void>();
let current: PreviewLook | null = null;

export function getPreviewLook(): PreviewLook {
  current ??= localStorage.getItem(LOOK_KEY) === 'blog' ? 'blog' : 'article';
  return current;
}

/** Switches the preview („Vorschau: Wie im Blog“ / „Vorschau: Artikel“). */
export function setPreviewLook(look: PreviewLook): void {
  if (look === getPreviewLook()) return;
  current = look;
  localStorage.setItem(LOOK_KEY, look);
  for (const listener of lookListeners) listener();
}

export function subscribePreviewLook(listener: () => void): () => void {
  lookListeners.add(listener);
  return () => lookListeners.delete(listener);
}

/** „Blog-Look aktualisieren“: the open post's blog fetches its look anew (the preview shows progress and errors). */
export function requestBlogLookRefresh(): void {
  for (const listener of refreshListeners) listener();
}

export function onBlogLookRefresh(listener: () => void): () => void {
  refreshListeners.add(listener);
  return () => refreshListeners.delete(listener);
}

/** A look was captured elsewhere (blog settings, the background capture after adding a blog): the preview takes it. */
export function blogLookCaptured(theme: BlogTheme): void {
  for (const listener of capturedListeners) listener(theme);
}

export function onBlogLookCaptured(listener: (theme: BlogTheme) => void): () => void {
  capturedListeners.add(listener);
  return () => capturedListeners.delete(listener);
}

/** A blog was added or its settings changed (e.g. „Text beginnt mit dem Beitragsbild“): the preview reads the blogs again. */
export function blogsChanged(): void {
  for (const listener of blogListeners) listener();
}

export function onBlogsChanged(listener: () => void): () => void {
  blogListeners.add(listener);
  return () => blogListeners.delete(listener);
}
