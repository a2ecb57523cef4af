import { z } from "@hono/zod-openapi";
import { pageParams } from "./common";
import { Post } from "./posts";

/** The home feed (API.md "Conversation"). */

/** A post of the feed, with whether it is newer than the caller's last visit to its group. */
/** A post of the feed and whether it is new to me (one flat object: the document says so without combining schemas). */
export const FeedItem = z.strictObject({ ...Post.shape, unread: z.boolean() }).openapi("FeedItem");
export type FeedItem = z.infer<typeof FeedItem>;

export const FeedQuery = z.strictObject(pageParams);

export const FeedPage = z
  .strictObject({
    items: z.array(FeedItem),
    nextCursor: z.string().nullable(),
    /** First page only: must-read announcements of my groups I have not read yet, pinned on top. */
    unreadAnnouncements: z.array(Post),
    /** First page only: my groups with posts I have not seen since I last opened them. */
    unreadGroups: z.array(z.strictObject({ id: z.string(), name: z.string() })),
  })
  .openapi("FeedPage");
export type FeedPage = z.infer<typeof FeedPage>;
