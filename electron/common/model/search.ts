import { z } from 'zod';
import { postIdSchema } from './post.js';

/** The longest query the search takes, in characters; longer ones are refused by the contract. */
export const MAX_SEARCH_QUERY = 200;
/** The most results one search returns. */
export const MAX_SEARCH_RESULTS = 100;

export const searchRequestSchema = z
  .object({
    query: z.string().max(MAX_SEARCH_QUERY),
    limit: z.number().int().min(1).max(MAX_SEARCH_RESULTS).optional(),
  })
  .strict();
export type SearchRequest = z.infer<typeof searchRequestSchema>;

/** Where a result matched: the post's fields that the search reads. */
export const SEARCH_FIELDS = ['title', 'body', 'tags', 'categories', 'credits'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

const rangeSchema = z.object({ from: z.number().int().min(0), to: z.number().int().min(0) });

export const searchHitSchema = z.object({
  id: postIdSchema,
  title: z.string(),
  /** The fields the query's words were found in. */
  fields: z.array(z.enum(SEARCH_FIELDS)),
  /** A piece of the post's text around the first match, as plain text (never HTML). */
  snippet: z.string(),
  /** The matched words inside `snippet`, as offsets into it. */
  highlights: z.array(rangeSchema),
  /** The first match as offsets into the post's text as the editor holds it; null when none was found in it. */
  at: rangeSchema.nullable(),
});
export type SearchHit = z.infer<typeof searchHitSchema>;
