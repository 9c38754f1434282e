import { z } from 'zod';

/**
 * How a blog looks, as Kladde keeps it for the preview „Wie im Blog“ (`.kladde/themes/<blog-id>/theme.json`):
 * the blog's stylesheets made safe (no script, no remote load: fonts and images inlined as data: URLs or
 * dropped) and the wrapper structure of one published post page, as data — never the blog's HTML itself.
 */

/** Tags a wrapper may have in the preview; anything else becomes a `div`. */
export const THEME_TAGS = ['div', 'main', 'article', 'section', 'header', 'footer', 'figure', 'h1', 'h2', 'h3', 'p'] as const;

/** What a wrapper holds in the post: the post title, the featured image, the body — or only further wrappers. */
export const THEME_ROLES = ['title', 'featured', 'content'] as const;
export type ThemeRole = (typeof THEME_ROLES)[number];

export interface ThemeNode {
  tag: (typeof THEME_TAGS)[number];
  className: string;
  /** Inline style as the page had it, only if {@link safeThemeDeclarations} let it through. */
  style: string;
  role: ThemeRole | null;
  /** For the featured image: the classes of the theme's `<img>`. */
  imageClass?: string;
  children: ThemeNode[];
}

export const themeNodeSchema: z.ZodType<ThemeNode> = z.lazy(() =>
  z.object({
    tag: z.enum(THEME_TAGS),
    className: z.string().max(2000),
    style: z.string().max(4000),
    role: z.enum(THEME_ROLES).nullable(),
    imageClass: z.string().max(2000).optional(),
    children: z.array(themeNodeSchema).max(40),
  }),
);

export const blogThemeSchema = z.object({
  format: z.literal(1),
  blogId: z.string().max(64),
  /** The post page the structure was read from. */
  pageUrl: z.string().max(2048),
  /** ISO time of the capture. */
  fetchedAt: z.string(),
  /** The blog's styles, selectors rewritten for the preview's wrapper (`html`/`:root` → `.kb-html`, `body` → `.kb-body`). */
  css: z.string(),
  /** `@font-face` rules with data: sources and family names prefixed for this blog (they go into the document). */
  fontCss: z.string(),
  bodyClass: z.string().max(4000),
  /** The wrappers from below `<body>` down to title, featured image and body; null when the page had no post body. */
  layout: themeNodeSchema.nullable(),
  /**
   * Whether the theme shows a post's featured image on the post page: true/false when the captured post had one,
   * null when no published post with a featured image was found (unknown).
   */
  showsFeaturedImage: z.boolean().nullable(),
  /** What was left out to stay within the size cap or because it could not be fetched (German, for the settings). */
  dropped: z.array(z.string().max(300)).max(200),
  /** Size of theme.json in bytes. */
  bytes: z.number().int(),
});
export type BlogTheme = z.infer<typeof blogThemeSchema>;

/** The cap of one blog's stored look (theme.json with inlined fonts and images). */
export const THEME_MAX_BYTES = 3 * 1024 * 1024;

/** The font family name a blog's font gets in the document, so it can never replace a font of the app. */
export function themeFontFamily(blogId: string, family: string): string {
  return `kb-${blogId}-${family}`;
}
