import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../context";
import { describe } from "../lib/openapi";
import { decodeCursor, encodeCursor, jsonBody, noBody, pageParams, queryParams } from "../lib/validate";
import { requireActor } from "../middleware/auth";
import { homeFeed } from "../services/feed/feed";
import { followMember, followTag, listFollows } from "../services/feed/follows";
import { dismissReport, listAudit, listReports } from "../services/moderation/moderation";
import { getNotificationSettings, listNotifications, markNotificationsRead, setQuietHours, unreadCount } from "../services/notifications/notifications";
import { search, SEARCH_TYPES } from "../services/search/search";
import { Id, IdCursor } from "./schemas";

const TimeCursor = z.object({ t: z.number(), i: z.string() });
const SearchCursor = z.object({ s: z.number(), k: z.string() });
const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM, 24-hour");

export const feedRoutes = new Hono<AppEnv>().get(
  "/",
  describe({ summary: "The home feed: posts from my groups, the members and tags I follow; unread announcements on top", tag: "Feed", auth: "member" }),
  queryParams(z.strictObject(pageParams)),
  async (c) => {
    const { cursor, limit } = c.req.valid("query");
    const page = await homeFeed(c.var.ctx, requireActor(c.var.actor), limit, decodeCursor(TimeCursor, cursor));
    return c.json({ items: page.items, nextCursor: page.next ? encodeCursor(page.next) : null, unreadAnnouncements: page.unreadAnnouncements, unreadGroups: page.unreadGroups });
  },
);

export const searchRoutes = new Hono<AppEnv>().get(
  "/",
  describe({ summary: "Search posts, comments, members, groups and file names; only what the caller may read", tag: "Search", auth: "member" }),
  queryParams(z.strictObject({ q: z.string().trim().min(1).max(200), type: z.enum(SEARCH_TYPES).optional(), groupId: Id("grp").optional(), authorId: Id("usr").optional(), ...pageParams })),
  async (c) => {
    const { cursor, ...q } = c.req.valid("query");
    const { items, next } = await search(c.var.ctx, requireActor(c.var.actor), q, decodeCursor(SearchCursor, cursor));
    return c.json({ items, nextCursor: next ? encodeCursor(next) : null });
  },
);

export const notificationRoutes = new Hono<AppEnv>()
  .get("/", describe({ summary: "My notifications, newest first, with the unread count", tag: "Notifications", auth: "member" }), queryParams(z.strictObject(pageParams)), async (c) => {
    const { cursor, limit } = c.req.valid("query");
    const page = await listNotifications(c.var.ctx, requireActor(c.var.actor), limit, decodeCursor(IdCursor, cursor)?.i);
    return c.json({ items: page.items, nextCursor: page.next ? encodeCursor({ i: page.next }) : null, unread: page.unread });
  })
  .get("/unread", describe({ summary: "The unread count of the bell", tag: "Notifications", auth: "member" }), async (c) => c.json({ unread: await unreadCount(c.var.ctx, requireActor(c.var.actor)) }))
  .post("/read", describe({ summary: "Mark notifications read (no ids: all)", tag: "Notifications", auth: "member" }), jsonBody(z.strictObject({ ids: z.array(z.string().max(40)).max(100).optional() })), async (c) => {
    await markNotificationsRead(c.var.ctx, requireActor(c.var.actor), c.req.valid("json").ids);
    return c.body(null, 204);
  })
  .get("/settings", describe({ summary: "My quiet hours and per-group levels", tag: "Notifications", auth: "member" }), async (c) => c.json(await getNotificationSettings(c.var.ctx, requireActor(c.var.actor))))
  .put(
    "/quiet-hours",
    describe({ summary: "Quiet hours in my time zone (null: none): notifications wait until they end", tag: "Notifications", auth: "member" }),
    jsonBody(z.strictObject({ quietHours: z.strictObject({ from: HHMM, to: HHMM }).nullable() })),
    async (c) => {
      await setQuietHours(c.var.ctx, requireActor(c.var.actor), c.req.valid("json").quietHours);
      return c.body(null, 204);
    },
  );

export const followRoutes = new Hono<AppEnv>()
  .get("/", describe({ summary: "The tags and members I follow", tag: "Feed", auth: "member" }), async (c) => c.json(await listFollows(c.var.ctx, requireActor(c.var.actor))))
  .put("/tags/:tag", describe({ summary: "Follow a tag", tag: "Feed", auth: "member" }), noBody(), async (c) => c.json(await followTag(c.var.ctx, requireActor(c.var.actor), c.req.param("tag"), true)))
  .delete("/tags/:tag", describe({ summary: "Unfollow a tag", tag: "Feed", auth: "member" }), noBody(), async (c) => c.json(await followTag(c.var.ctx, requireActor(c.var.actor), c.req.param("tag"), false)))
  .put("/members/:id", describe({ summary: "Follow a member", tag: "Feed", auth: "member" }), noBody(), async (c) => c.json(await followMember(c.var.ctx, requireActor(c.var.actor), c.req.param("id"), true)))
  .delete("/members/:id", describe({ summary: "Unfollow a member", tag: "Feed", auth: "member" }), noBody(), async (c) => c.json(await followMember(c.var.ctx, requireActor(c.var.actor), c.req.param("id"), false)));

export const moderationRoutes = new Hono<AppEnv>()
  .get(
    "/reports",
    describe({ summary: "The network's moderation queue (administrators)", tag: "Moderation", auth: "admin" }),
    queryParams(z.strictObject({ state: z.enum(["open", "all"]).default("open"), ...pageParams })),
    async (c) => {
      const { cursor, ...q } = c.req.valid("query");
      const { items, next } = await listReports(c.var.ctx, requireActor(c.var.actor), q, decodeCursor(IdCursor, cursor)?.i);
      return c.json({ items, nextCursor: next ? encodeCursor({ i: next }) : null });
    },
  )
  .post("/reports/:id/dismiss", describe({ summary: "Dismiss a report without acting (audited)", tag: "Moderation", auth: "member" }), noBody(), async (c) => {
    await dismissReport(c.var.ctx, requireActor(c.var.actor), c.req.param("id"));
    return c.body(null, 204);
  })
  .get("/audit", describe({ summary: "The network's moderation audit log (administrators)", tag: "Moderation", auth: "admin" }), queryParams(z.strictObject(pageParams)), async (c) => {
    const { cursor, limit } = c.req.valid("query");
    const { items, next } = await listAudit(c.var.ctx, requireActor(c.var.actor), { limit }, decodeCursor(IdCursor, cursor)?.i);
    return c.json({ items, nextCursor: next ? encodeCursor({ i: next }) : null });
  });
