import { z } from "@hono/zod-openapi";
import { FeedPage, FeedQuery } from "../../contract/feed";
import { decodeCursor, encodeCursor } from "../lib/validate";
import { homeFeed } from "../services/feed/feed";
import { define, json, routes } from "./define";

const FeedCursor = z.object({ t: z.number(), i: z.string() });

export const feedRoutes = routes().openapi(
  define({ method: "get", path: "/", summary: "The home feed: posts from my groups, the members and tags I follow; unread announcements on top", tag: "Feed", access: "member", etag: true, query: FeedQuery, responses: { 200: json(FeedPage, "A page of the feed, with the first page's extras") } }),
  async (c) => {
    const { cursor, limit } = c.req.valid("query");
    const page = await homeFeed(c.var.ctx, c.var.caller, limit, decodeCursor(FeedCursor, cursor));
    return c.json({ items: page.items, nextCursor: page.next ? encodeCursor(page.next) : null, unreadAnnouncements: page.unreadAnnouncements, unreadGroups: page.unreadGroups }, 200);
  },
);
