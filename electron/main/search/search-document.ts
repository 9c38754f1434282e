import { parseFrontMatter, splitFrontMatter } from '../../common/markdown/front-matter.js';

/** What the search index holds of one post: the fields it searches, each as plain text. */
export interface SearchDocument {
  id: string;
  title: string;
  body: string;
  tags: string;
  categories: string;
  credits: string;
}

/** The credit fields of an `images:` entry that a reader might search for (not URLs or license codes). */
const CREDIT_KEYS = ['author', 'source', 'title', 'caption', 'alt'] as const;

/**
 * A post's text as search fields. A broken front matter costs only its fields: the body is still searchable,
 * and so is the title if it can be read at all.
 */
export function searchDocument(id: string, text: string): SearchDocument {
  const { body } = splitFrontMatter(text);
  let parsed: ReturnType<typeof parseFrontMatter> | null = null;
  try {
    parsed = parseFrontMatter(text);
  } catch {
    // yaml throws on documents that expand too far (alias bombs): the body stays searchable.
  }
  if (!parsed?.ok) return { id, title: id, body, tags: '', categories: '', credits: '' };
  return {
    id,
    title: parsed.fields.title || id,
    body,
    tags: parsed.fields.tags.join('\n'),
    categories: parsed.fields.categories.join('\n'),
    credits: creditText(parsed.data['images']),
  };
}

function creditText(images: unknown): string {
  if (!images || typeof images !== 'object' || Array.isArray(images)) return '';
  const parts: string[] = [];
  for (const entry of Object.values(images as Record<string, unknown>)) {
    if (!entry || typeof entry !== 'object') continue;
    for (const key of CREDIT_KEYS) {
      const value = (entry as Record<string, unknown>)[key];
      if (typeof value === 'string' && value.trim()) parts.push(value);
    }
  }
  return parts.join('\n');
}
