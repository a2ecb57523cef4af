import { z } from "@hono/zod-openapi";
import { MemberSummary } from "./common";

/** The tags and members one follows: their posts join the home feed (API.md "Conversation"). */

export const Follows = z.strictObject({ tags: z.array(z.string()), members: z.array(MemberSummary) }).openapi("Follows");
export type Follows = z.infer<typeof Follows>;

/** A tag followed or not, as folded (case and accents). */
export const TagFollow = z.strictObject({ tag: z.string(), following: z.boolean() });
export type TagFollow = z.infer<typeof TagFollow>;

export const MemberFollow = z.strictObject({ following: z.boolean() });
export type MemberFollow = z.infer<typeof MemberFollow>;

/**
 * Where the caller stands with a post's thread (on `GET /posts/:id` only): `following` hears of every comment,
 * `muted` hears of none (no "reply" nor "comment" notification, even as its author or a commenter). At most one is true.
 */
export const ThreadFollow = z.strictObject({ following: z.boolean(), muted: z.boolean() }).openapi("ThreadFollow");
export type ThreadFollow = z.infer<typeof ThreadFollow>;
