/**
 * The shape of a search hit as the API answers it. Types only (no runtime imports), so the web client imports it with
 * `import type` instead of keeping a copy.
 */
export type SearchType = "post" | "comment" | "user" | "group" | "file";

export type SearchHit = {
  type: SearchType;
  id: string;
  title: string;
  /** Escaped by the server; only <mark> is markup. */
  snippet: string;
  groupId: string | null;
  postId: string | null;
  authorId: string | null;
  createdAt: number | null;
};
