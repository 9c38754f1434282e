import { editFrontMatter } from './front-matter-edit.js';
import { splitFrontMatter } from './front-matter.js';
import { findBodyImages, findFeaturedImage } from './image-refs.js';

/**
 * A theme that shows the featured image above the title shows it twice when the body opens with the same photo.
 * The user keeps one: `body` keeps the figure in the body and does not set the blog's featured image — the
 * figure carries the credit as its caption, which block themes do not show under a featured image, so the credit
 * stays visible; `both` keeps both (and stops the hint). Per post in the front matter, or per blog as a setting.
 */
export const FEATURED_TWICE_KEY = 'featured_twice';
export const FEATURED_TWICE_CHOICES = ['body', 'both'] as const;
export type FeaturedTwiceChoice = (typeof FEATURED_TWICE_CHOICES)[number];
/** The blog setting: `ask` (the default) shows the hint. */
export const FEATURED_TWICE_SETTINGS = ['ask', ...FEATURED_TWICE_CHOICES] as const;
export type FeaturedTwiceSetting = (typeof FEATURED_TWICE_SETTINGS)[number];

/** The post's own choice from its parsed front matter, or null. */
export function ownFeaturedTwice(data: Record<string, unknown>): FeaturedTwiceChoice | null {
  const value = data[FEATURED_TWICE_KEY];
  return typeof value === 'string' && (FEATURED_TWICE_CHOICES as readonly string[]).includes(value) ? (value as FeaturedTwiceChoice) : null;
}

/** Whether the body's first block is the featured image standing alone (a figure), the same file. */
export function bodyOpensWithFeaturedImage(text: string): boolean {
  const featured = findFeaturedImage(text);
  if (!featured) return false;
  const first = findBodyImages(text)[0];
  if (!first || !first.standalone || first.key !== featured.key) return false;
  const { body, bodyOffset } = splitFrontMatter(text);
  return body.slice(0, first.from - bodyOffset).trim() === '';
}

/**
 * Whether publishing leaves the blog's featured image unset for this post: the post's own choice, else the
 * blog's setting, says `body`, and the body really opens with that image.
 */
export function leavesOutFeaturedImage(text: string, data: Record<string, unknown>, blogSetting: FeaturedTwiceSetting | undefined): boolean {
  const choice = ownFeaturedTwice(data) ?? blogSetting ?? 'ask';
  return choice === 'body' && bodyOpensWithFeaturedImage(text);
}

/** Writes the post's choice through the one front-matter editor (every other byte stays); null when it cannot. */
export function setFeaturedTwice(text: string, choice: FeaturedTwiceChoice | null): string | null {
  const result = editFrontMatter(text, [{ path: [FEATURED_TWICE_KEY], value: choice ?? undefined }]);
  return result.ok ? result.text : null;
}
