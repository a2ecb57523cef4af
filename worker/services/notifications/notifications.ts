import type { Actor, ServiceContext } from "../../context";
import { sqlFirstLookReader, sqlReadableGroup, sqlReadableItem } from "../access";
import { avatarUrl } from "../users/present";
import type { Notification, NotificationPage, NotificationSettings, QuietHoursBody } from "../../../contract/notifications";
import { empty, sqlPart, statement } from "../../lib/sql";

/**
 * The caller's delivered notifications, newest first. A notification about content the caller can no longer read (left
 * the group, post hidden or deleted) is not shown: the visibility rules run inside the query, as for every list.
 */
export async function listNotifications(ctx: ServiceContext, actor: Actor, limit: number, cursor?: string): Promise<Omit<NotificationPage, "nextCursor"> & { next: string | null }> {
  const now = Date.now();
  const db = ctx.env.DB;
  const [page, unread] = await db.batch<any>([
    statement(
      db,
      sqlPart`SELECT n.*, a.handle AS a_handle, a.name AS a_name, a.location AS a_location, a.timezone AS a_timezone, a.avatar_key AS a_avatar,
         g.name AS g_name, substr(p.body, 1, 140) AS excerpt
       FROM notifications n INDEXED BY notifications_user
       LEFT JOIN users a ON a.id = n.actor_id LEFT JOIN groups g ON g.id = n.group_id LEFT JOIN posts p ON p.id = n.post_id
       WHERE n.user_id = ${actor.id} AND n.deliver_at <= ${now} ${cursor ? sqlPart`AND n.id < ${cursor}` : empty} AND ${readableNotification(actor)}
       ORDER BY n.id DESC LIMIT ${limit + 1}`,
    ),
    unreadCountStatement(ctx, actor, now),
  ]);
  const rows = page.results.slice(0, limit);
  return {
    items: rows.map(
      (n: any): Notification => ({
        id: n.id,
        kind: n.kind,
        // An integration's post (an incoming hook, no member behind it) has no actor to show.
        actor: n.actor_id && n.a_handle !== null ? { id: n.actor_id, handle: n.a_handle, name: n.a_name, location: n.a_location, timezone: n.a_timezone, avatarUrl: avatarUrl(n.a_avatar) } : null,
        group: n.group_id ? { id: n.group_id, name: n.g_name } : null,
        post: n.post_id ? { id: n.post_id, excerpt: n.excerpt ?? "" } : null,
        commentId: n.comment_id,
        createdAt: n.deliver_at,
        read: n.read_at !== null,
      }),
    ),
    next: page.results.length > limit ? rows.at(-1).id : null,
    unread: unread.results[0].n as number,
  };
}

/** A notification the caller may still read: about nothing, or about a group and a post they can read (`g`, `p` joined). */
function readableNotification(actor: Actor) {
  // A notification about a post follows the post's own rule (a first-look announcement is read by its wider audience
  // without its group's content); one about a group alone, the group's.
  const group = sqlPart`(n.group_id IS NULL OR (${sqlReadableGroup(actor, "g.id", "g.visibility")}))`;
  return sqlPart`(CASE WHEN n.post_id IS NULL THEN ${group}
    ELSE (p.id IS NOT NULL AND ((${group} AND ${sqlReadableItem(actor, "p", "p.group_id")}) OR ${sqlFirstLookReader(actor, "p", Date.now())})) END)`;
}

/** The unread count of the bell, under the same visibility as the list (counts never tell more than the list). */
export function unreadCountStatement(ctx: ServiceContext, actor: Actor, now = Date.now()) {
  return statement(
    ctx.env.DB,
    sqlPart`SELECT count(*) AS n FROM notifications n INDEXED BY notifications_user_unread
     LEFT JOIN groups g ON g.id = n.group_id LEFT JOIN posts p ON p.id = n.post_id
     WHERE n.user_id = ${actor.id} AND n.read_at IS NULL AND n.deliver_at <= ${now} AND ${readableNotification(actor)}`,
  );
}

export async function unreadCount(ctx: ServiceContext, actor: Actor): Promise<number> {
  return ((await unreadCountStatement(ctx, actor).first<{ n: number }>())?.n ?? 0) as number;
}

/** Marks some (or, without ids, all) of the caller's notifications read. */
export async function markNotificationsRead(ctx: ServiceContext, actor: Actor, ids?: string[]): Promise<void> {
  const now = Date.now();
  if (ids && ids.length) {
    await ctx.env.DB.prepare(`UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL AND id IN (${ids.map(() => "?").join(",")})`)
      .bind(now, actor.id, ...ids)
      .run();
  } else {
    await ctx.env.DB.prepare("UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL").bind(now, actor.id).run();
  }
}

/** Quiet hours in the member's own time zone; null removes them. */
export async function setQuietHours(ctx: ServiceContext, actor: Actor, quiet: QuietHoursBody["quietHours"]): Promise<void> {
  if (quiet) {
    await ctx.env.DB.prepare("INSERT INTO quiet_hours (user_id, \"from\", \"to\") VALUES (?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET \"from\" = excluded.\"from\", \"to\" = excluded.\"to\"")
      .bind(actor.id, quiet.from, quiet.to)
      .run();
  } else {
    await ctx.env.DB.prepare("DELETE FROM quiet_hours WHERE user_id = ?").bind(actor.id).run();
  }
}

export async function getNotificationSettings(ctx: ServiceContext, actor: Actor): Promise<NotificationSettings> {
  const quiet = await ctx.env.DB.prepare('SELECT "from", "to" FROM quiet_hours WHERE user_id = ?').bind(actor.id).first<{ from: string; to: string }>();
  const { results } = await ctx.env.DB.prepare(
    "SELECT g.id, g.name, m.notify FROM group_members m JOIN groups g ON g.id = m.group_id WHERE m.user_id = ? AND m.state = 'member' ORDER BY g.name",
  )
    .bind(actor.id)
    .all<NotificationSettings["groups"][number]>();
  return { quietHours: quiet ?? null, groups: results };
}
