import { z } from "@hono/zod-openapi";
import { NotificationPage, NotificationSettings, NotificationsQuery, QuietHoursBody, ReadBody, UnreadCount } from "../../contract/notifications";
import { decodeCursor, encodeCursor } from "../lib/validate";
import { getNotificationSettings, listNotifications, markNotificationsRead, setQuietHours, unreadCount } from "../services/notifications/notifications";
import { define, json, routes } from "./define";

const IdCursor = z.object({ i: z.string().max(100) });

export const notificationRoutes = routes()
  .openapi(
    define({ method: "get", path: "/", summary: "My notifications, newest first, with the unread count", tag: "Notifications", access: "member", etag: true, query: NotificationsQuery, responses: { 200: json(NotificationPage, "A page of notifications") } }),
    async (c) => {
      const { cursor, limit } = c.req.valid("query");
      const page = await listNotifications(c.var.ctx, c.var.caller, limit, decodeCursor(IdCursor, cursor)?.i);
      return c.json({ items: page.items, nextCursor: page.next ? encodeCursor({ i: page.next }) : null, unread: page.unread }, 200);
    },
  )
  .openapi(define({ method: "get", path: "/unread", summary: "The unread count of the bell", tag: "Notifications", access: "member", responses: { 200: json(UnreadCount, "The unread count") } }), async (c) =>
    c.json({ unread: await unreadCount(c.var.ctx, c.var.caller) }, 200),
  )
  .openapi(define({ method: "post", path: "/read", summary: "Mark notifications read (no ids: all)", tag: "Notifications", access: "member", body: ReadBody, responses: { 204: { description: "Marked read" } } }), async (c) => {
    await markNotificationsRead(c.var.ctx, c.var.caller, c.req.valid("json").ids);
    return c.body(null, 204);
  })
  .openapi(define({ method: "get", path: "/settings", summary: "My quiet hours and per-group levels", tag: "Notifications", access: "member", responses: { 200: json(NotificationSettings, "My settings") } }), async (c) =>
    c.json(await getNotificationSettings(c.var.ctx, c.var.caller), 200),
  )
  .openapi(
    define({ method: "put", path: "/quiet-hours", summary: "Quiet hours in my time zone (null: none): notifications wait until they end", tag: "Notifications", access: "member", body: QuietHoursBody, responses: { 204: { description: "Saved" } } }),
    async (c) => {
      await setQuietHours(c.var.ctx, c.var.caller, c.req.valid("json").quietHours);
      return c.body(null, 204);
    },
  );
