import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type { BlogTheme } from '../../electron/common/blog-theme/blog-theme';
import { bodyOpensWithFeaturedImage, ownFeaturedTwice, type FeaturedTwiceChoice } from '../../electron/common/markdown/featured-twice';
import type { BlogView } from '../../electron/common/model/blog';
import type { AppError } from '../../electron/common/result';
import type { PostDocumentStore, PostSnapshot } from '../document/post-document-store';
import { usePostSelector } from '../document/use-post-snapshot';
import { api } from '../lib/api';
import { blogLookCaptured, getPreviewLook, onBlogLookCaptured, onBlogLookRefresh, onBlogsChanged, setPreviewLook, subscribePreviewLook, type PreviewLook } from '../preview/preview-look';

export type { PreviewLook };

export interface BlogLookState {
  look: PreviewLook;
  setLook: (look: PreviewLook) => void;
  /** The blog the post is published to, else the first blog set up; null when there is none. */
  blog: BlogView | null;
  /** Its captured look; null while none was captured (or it is being read). */
  theme: BlogTheme | null;
  /** A capture is running. */
  loading: boolean;
  /** Why the last capture failed, or null. */
  error: AppError | null;
  /** Fetches the blog's look anew („Aussehen des Blogs laden“). */
  load: () => Promise<void>;
  /** The hint „Das Beitragsbild erscheint im Blog zweimal“ applies. */
  featuredTwice: boolean;
  /** Publishing will leave the featured image unset (the body's figure was chosen): the blog look shows none either. */
  leavesOutFeatured: boolean;
  /** Keeps one of the two for this post (front matter) … */
  choosePost: (choice: FeaturedTwiceChoice) => void;
  /** … or for every post of this blog (blog setting). */
  chooseBlog: (choice: FeaturedTwiceChoice) => Promise<void>;
}

const selectPublishedTo = (s: PostSnapshot) => {
  const fm = s.doc.frontMatter;
  const publish = fm.ok ? fm.data['publish'] : null;
  return publish && typeof publish === 'object' && !Array.isArray(publish) ? Object.keys(publish).join('\n') : '';
};
const selectOwnTwice = (s: PostSnapshot) => (s.doc.frontMatter.ok ? ownFeaturedTwice(s.doc.frontMatter.data) : null);
const selectFeatured = (s: PostSnapshot) => s.doc.featured;
const selectId = (s: PostSnapshot) => s.id;

/** Which blog's look the preview shows, that look, and the featured-image hint for it. */
export function useBlogLook(store: PostDocumentStore): BlogLookState {
  const look = useSyncExternalStore(subscribePreviewLook, getPreviewLook);
  const [blogs, setBlogs] = useState<BlogView[]>([]);
  const [theme, setTheme] = useState<BlogTheme | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [opens, setOpens] = useState(false);
  const publishedTo = usePostSelector(store, selectPublishedTo);
  const ownTwice = usePostSelector(store, selectOwnTwice);
  const featured = usePostSelector(store, selectFeatured);
  const id = usePostSelector(store, selectId);

  const setLook = setPreviewLook;

  useEffect(() => {
    let live = true;
    const read = () => void api.listBlogs().then((r) => live && r.ok && setBlogs(r.value));
    read();
    const stop = onBlogsChanged(read);
    return () => {
      live = false;
      stop();
    };
  }, [look, id]);

  const known = publishedTo.split('\n').find((b) => blogs.some((x) => x.id === b));
  const blog = blogs.find((b) => b.id === known) ?? blogs[0] ?? null;
  const blogId = blog?.id ?? null;

  useEffect(() => {
    setTheme(null);
    setError(null);
    if (!blogId) return;
    let live = true;
    void api.getBlogTheme(blogId).then((r) => live && r.ok && setTheme(r.value));
    return () => {
      live = false;
    };
  }, [blogId]);

  const load = useCallback(async () => {
    if (!blogId) return;
    setLoading(true);
    setError(null);
    const r = await api.refreshBlogTheme(blogId);
    setLoading(false);
    if (r.ok) blogLookCaptured(r.value);
    else setError(r.error);
  }, [blogId]);
  useEffect(() => onBlogLookRefresh(() => void load()), [load]);
  useEffect(
    () =>
      onBlogLookCaptured((captured) => {
        if (captured.blogId !== blogId) return;
        setTheme(captured);
        setError(null);
      }),
    [blogId],
  );

  // Whether the body opens with the featured image: read a moment after typing stops, from the post's start only.
  const shows = theme?.showsFeaturedImage === true;
  useEffect(() => {
    if (!shows || !featured) {
      setOpens(false);
      return;
    }
    const check = () => {
      const s = store.getSnapshot();
      setOpens(bodyOpensWithFeaturedImage(s.text.slice(0, s.doc.bodyOffset + 4000)));
    };
    check();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = store.subscribe(() => {
      clearTimeout(timer);
      timer = setTimeout(check, 400);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [shows, featured, store]);

  const setting = blog?.featuredTwice ?? 'ask';
  const featuredTwice = shows && opens && ownTwice === null && setting === 'ask';
  const leavesOutFeatured = shows && opens && (ownTwice ?? setting) === 'body';

  const choosePost = useCallback((choice: FeaturedTwiceChoice) => void store.setFeaturedTwice(choice), [store]);
  const chooseBlog = useCallback(
    async (choice: FeaturedTwiceChoice) => {
      if (!blogId) return;
      const r = await api.updateBlog(blogId, { featuredTwice: choice });
      if (r.ok) setBlogs((list) => list.map((b) => (b.id === blogId ? r.value : b)));
    },
    [blogId],
  );

  return { look, setLook, blog, theme, loading, error, load, featuredTwice, leavesOutFeatured, choosePost, chooseBlog };
}
