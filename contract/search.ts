import { z } from "@hono/zod-openapi";
import { Id, page, pageParams, SingleLine } from "./common";

/** Search (API.md "Conversation"): never returns, counts or snippets what the caller may not read. */

/** `faq`: a group's FAQ entries (API.md "Questions and knowledge"). */
export const SEARCH_TYPES = ["post", "comment", "user", "group", "file", "faq"] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

export const SearchQuery = z.strictObject({
  q: SingleLine(1, 200),
  type: z.enum(SEARCH_TYPES).optional(),
  groupId: Id("grp").optional(),
  authorId: Id("usr").optional(),
  ...pageParams,
});

export const SearchHit = z
  .strictObject({
    type: z.enum(SEARCH_TYPES),
    id: z.string(),
    title: z.string(),
    /** Escaped by the server; only <mark> is markup. */
    snippet: z.string(),
    groupId: z.string().nullable(),
    postId: z.string().nullable(),
    authorId: z.string().nullable(),
    createdAt: z.number().nullable(),
  })
  .openapi("SearchHit");
export type SearchHit = z.infer<typeof SearchHit>;

export const SearchPage = page(SearchHit);
