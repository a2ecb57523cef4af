import { and, eq } from "drizzle-orm";
import type { Actor, ServiceContext } from "../../context";
import { join, raw, sqlPart, statement, type SqlPart } from "../../lib/sql";
import { notifications, threadFollows } from "../../db/conversation";
import { quietHours, users } from "../../db/users";
import { inList } from "../../db/in-list";
import { newId } from "../../lib/ids";
import { sqlListedMember, sqlUserInFirstLookAudience, sqlUserReadsGroup } from "../access";
import { publishToMembers } from "../live";
import { enqueuePushes } from "../push/enqueue";
import type { NotificationKind } from "../../../contract/enums";
import type { ThreadFollow } from "../../../contract/follows";

export type NotificationDraft = { kind: NotificationKind; actorId: string | null; groupId: string | null; postId?: string | null; commentId?: string | null };

/** Minutes since midnight of `at` in `timeZone`. */
function minutesIn(timeZone: string, at: number): number {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return get("hour") * 60 + get("minute");
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * When a notification created at `now` reaches a member: now, or at the end of their quiet hours (in their own time
 * zone) when `now` falls inside them. Quiet hours may wrap midnight ("22:00"–"07:00").
 */
export function deliveryTime(now: number, timeZone: string, quiet: { from: string; to: string } | undefined): number {
  if (!quiet) return now;
  const from = toMinutes(quiet.from);
  const to = toMinutes(quiet.to);
  if (from === to) return now;
  let current: number;
  try {
    current = minutesIn(timeZone, now);
  } catch {
    current = minutesIn("UTC", now);
  }
  const inside = from < to ? current >= from && current < to : current >= from || current < to;
  if (!inside) return now;
  const wait = (to - current + 24 * 60) % (24 * 60);
  return now - (now % 60_000) + wait * 60_000;
}

/**
 * The members among `userIds` who may read group `groupId`'s content, active, other than the author: the only ones a
 * notification about that content may reach. Visibility is decided in SQL by the rule of access/groups.ts; members
 * who set the group to "none" hear nothing of it.
 */
export async function readersAmong(ctx: ServiceContext, groupId: string | null, userIds: string[], exclude: string | null, firstLookPostId?: string): Promise<string[]> {
  const ids = [...new Set(userIds)].filter((id) => id !== exclude);
  if (ids.length === 0) return [];
  const placeholders = ids.map(() => "?").join(",");
  // `firstLookPostId`: the content belongs to that post, also read by its wider audience once its first look is reached.
  const firstLook = firstLookPostId
    ? ` OR EXISTS (SELECT 1 FROM posts fp WHERE fp.id = ? AND fp.first_look_at <= ? AND ${sqlUserInFirstLookAudience("u", "fp.id")})`
    : "";
  const sql = groupId
    ? `SELECT u.id FROM users u, groups g WHERE g.id = ? AND u.id IN (${placeholders}) AND (${sqlUserReadsGroup("u", "g.id", "g.visibility")}${firstLook})
       AND NOT EXISTS (SELECT 1 FROM group_members z WHERE z.group_id = g.id AND z.user_id = u.id AND z.notify = 'none')`
    : `SELECT u.id FROM users u WHERE u.id IN (${placeholders}) AND u.deactivated_at IS NULL`;
  const binds = groupId ? [groupId, ...ids, ...(firstLookPostId ? [firstLookPostId, Date.now()] : [])] : ids;
  const { results } = await ctx.env.DB.prepare(sql).bind(...binds).all<{ id: string }>();
  return results.map((r) => r.id);
}

/** Insert statements for one notification to each recipient, held back by each one's quiet hours. */
export async function notificationInserts(ctx: ServiceContext, recipients: string[], draft: NotificationDraft, now = Date.now()) {
  return (await notificationBatch(ctx, recipients, draft, now)).statements;
}

/**
 * The rows and insert statements of one notification to each recipient. After the batch has run, `pushLive()` tells
 * the recipients' rooms of those already due (the others wait for their quiet hours to end: the cron pushes them).
 */
export async function notificationBatch(ctx: ServiceContext, recipients: string[], draft: NotificationDraft, now = Date.now()) {
  if (recipients.length === 0) return notificationBatchOf(ctx, [], draft, now);
  // A post's fan-out asks for up to 500 members at a time: an `IN (?, ?, …)` of them failed every group with over 100
  // members to ring (D1 binds at most 100 parameters a statement).
  const info = await ctx.db
    .select({ id: users.id, timezone: users.timezone, from: quietHours.from, to: quietHours.to })
    .from(users)
    .leftJoin(quietHours, eq(quietHours.userId, users.id))
    .where(inList(users.id, recipients))
    .all();
  return notificationBatchOf(ctx, info, draft, now);
}

/** What a recipient's notification needs to know of them: their time zone and quiet hours. */
export type RecipientInfo = { id: string; timezone: string; from: string | null; to: string | null };

/** {@link notificationBatch} for recipients whose time zone and quiet hours were read already (no D1 round trip). */
export function notificationBatchOf(ctx: ServiceContext, info: RecipientInfo[], draft: NotificationDraft, now = Date.now()) {
  if (info.length === 0) return { statements: [], pushLive: async () => {} };
  const rows = info.map((u) => ({
    id: newId("ntf", now),
    userId: u.id,
    kind: draft.kind,
    actorId: draft.actorId,
    groupId: draft.groupId,
    postId: draft.postId ?? null,
    commentId: draft.commentId ?? null,
    deliverAt: deliveryTime(now, u.timezone, u.from && u.to ? { from: u.from, to: u.to } : undefined),
    readAt: null,
    createdAt: now,
  }));
  // 10 columns a row: 9 rows keep a statement under D1's 100 bound parameters.
  const statements = [];
  for (let i = 0; i < rows.length; i += 9) statements.push(ctx.db.insert(notifications).values(rows.slice(i, i + 9)));
  const due = rows.filter((r) => r.deliverAt <= now);
  return { statements, pushLive: () => pushNotifications(ctx, due) };
}

/**
 * In one statement (issue 13), the members behind `handles` a new post of group `groupId` mentions and may tell, with
 * what their notification needs: those the writer may see (the members rule, as mentionedMembers of posts/mentions.ts)
 * who may read the group's content ({@link readersAmong}), active, not hearing nothing of the group, not the writer.
 * `groupId` may be a scalar subquery of this code's (the group of a campaign whose row is read in the same trip).
 */
export async function mentionRecipients(ctx: ServiceContext, actor: Actor, groupId: string | SqlPart, handles: string[]): Promise<RecipientInfo[]> {
  if (handles.length === 0) return [];
  const { results } = await statement(
    ctx.env.DB,
    sqlPart`SELECT u.id, u.timezone, qh."from" AS q_from, qh."to" AS q_to
     FROM groups g JOIN users u ON u.handle IN (${join(handles.map((h) => sqlPart`${h}`), ",")}) AND ${sqlListedMember(actor, "u")}
     LEFT JOIN quiet_hours qh ON qh.user_id = u.id
     WHERE g.id = ${groupId} AND u.id <> ${actor.id} AND ${raw(sqlUserReadsGroup("u", "g.id", "g.visibility"))}
       AND NOT EXISTS (SELECT 1 FROM group_members z WHERE z.group_id = g.id AND z.user_id = u.id AND z.notify = 'none')`,
  ).all<{ id: string; timezone: string; q_from: string | null; q_to: string | null }>();
  return results.map((r) => ({ id: r.id, timezone: r.timezone, from: r.q_from, to: r.q_to }));
}

/** Who hears of a new comment, and why: the post's author, the thread's followers, the mentioned (see {@link threadRecipients}). */
export type ThreadRecipient = RecipientInfo & { author: boolean; follower: boolean; mentioned: boolean };

/**
 * In one statement (issue 13), the members a new comment on post `postId` may tell, each with why and with what their
 * notification needs (time zone, quiet hours): its author unless they muted the thread, the thread's followers who did
 * not mute it, and the members behind `handles` whom the writer may see (the members rule, as {@link mentionedMembers}
 * of posts/mentions.ts) — each only if they may read the post ({@link readersAmong}: its group's content, or its wider
 * audience once a first look is reached), active, not hearing nothing of the group, and not the writer.
 */
export async function threadRecipients(ctx: ServiceContext, actor: Actor, postId: string, handles: string[], now = Date.now(), part: RecipientsPart = "all"): Promise<ThreadRecipient[]> {
  return threadRecipientsOf((await statement(ctx.env.DB, threadRecipientsQuery(actor, postId, handles, now, part)).all<ThreadRecipientRow>()).results);
}

/** A row of {@link threadRecipientsQuery}. */
export type ThreadRecipientRow = { id: string; timezone: string; q_from: string | null; q_to: string | null; is_author: number; is_follower: number; is_mentioned: number };

/** The recipients of {@link threadRecipientsQuery}'s rows (read alone, or in a batch with other reads). */
export function threadRecipientsOf(rows: ThreadRecipientRow[]): ThreadRecipient[] {
  return rows.map((r) => ({ id: r.id, timezone: r.timezone, from: r.q_from, to: r.q_to, author: Boolean(r.is_author), follower: Boolean(r.is_follower), mentioned: Boolean(r.is_mentioned) }));
}

/**
 * Which candidates {@link threadRecipientsQuery} reads: all of them; only the thread's (the post's author and its
 * followers: what a comment's gate reads with the post's access, before the body is known, posts/comments.ts); or only
 * the members the handles name (the rest, when the text mentions someone). Each row says all it is (a named member who
 * is also a follower is both), so the two parts together decide as the whole does.
 */
export type RecipientsPart = "all" | "thread" | "named";

/** {@link threadRecipients}'s statement (its query plan is checked in services/query-plans.test.ts). */
export function threadRecipientsQuery(actor: Actor, postId: string, handles: string[], now: number, part: RecipientsPart = "all"): SqlPart {
  const listed = sqlListedMember(actor, "u");
  const inHandles = handles.length && part !== "thread" ? sqlPart`IN (${join(handles.map((h) => sqlPart`${h}`), ",")})` : undefined;
  const named = inHandles ? sqlPart`(u.handle ${inHandles} AND ${listed})` : raw("0");
  const byHandle = inHandles ? sqlPart`SELECT h.id FROM users h WHERE h.handle ${inHandles}` : undefined;
  const thread = raw("SELECT p.author_id UNION SELECT f.user_id FROM thread_follows f WHERE f.post_id = p.id");
  // The candidates are found by key (the author's id, the followers', the handles') in one list: a join on
  // `u.id = … OR u.id IN (…) OR u.handle IN (…)` made SQLite scan every member (4,000 in the bench's network, several ms
  // a comment: bench/README.md "The request path", session 12). Whom the handles name must also be listed to me.
  const candidates = part === "named" ? (byHandle ?? raw("SELECT NULL WHERE 0")) : byHandle ? sqlPart`${thread} UNION ${byHandle}` : thread;
  const who = part === "named" ? named : sqlPart`(u.id = p.author_id OR tf.user_id IS NOT NULL OR ${named})`;
  return sqlPart`SELECT u.id, u.timezone, qh."from" AS q_from, qh."to" AS q_to,
       (u.id = p.author_id AND coalesce(tf.muted, 0) = 0) AS is_author, (tf.user_id IS NOT NULL AND tf.muted = 0) AS is_follower, ${named} AS is_mentioned
     FROM posts p JOIN groups g ON g.id = p.group_id
     JOIN users u ON u.id IN (${candidates})
     LEFT JOIN thread_follows tf ON tf.post_id = p.id AND tf.user_id = u.id
     LEFT JOIN quiet_hours qh ON qh.user_id = u.id
     WHERE p.id = ${postId} AND u.id <> ${actor.id} AND ${who}
       AND (${raw(sqlUserReadsGroup("u", "g.id", "g.visibility"))}
         OR (p.first_look_at IS NOT NULL AND p.first_look_at <= ${now} AND ${raw(sqlUserInFirstLookAudience("u", "p.id"))}))
       AND NOT EXISTS (SELECT 1 FROM group_members z WHERE z.group_id = g.id AND z.user_id = u.id AND z.notify = 'none')`;
}

/**
 * Tells each recipient's room that a notification arrived (its id and kind; the list and count come from the API), and
 * queues the web push of each (services/push: the kinds that are pushed, to the recipient's devices). Called for the
 * notifications due now, so quiet hours hold back the push as they hold back the bell.
 */
export async function pushNotifications(ctx: ServiceContext, rows: { id: string; userId: string; kind: NotificationKind }[]) {
  const byUser = new Map(rows.map((r) => [r.userId, r]));
  await publishToMembers(ctx, [...byUser.keys()], "notification.created", (userId) => ({ id: byUser.get(userId)!.id, kind: byUser.get(userId)!.kind }));
  await enqueuePushes(ctx, rows);
}

/** Cron: pushes live the notifications whose delivery waited for quiet hours that ended in the last minute. */
export async function releaseQuietNotifications(ctx: ServiceContext, now: number): Promise<number> {
  const { results } = await ctx.env.DB.prepare(
    "SELECT id, user_id AS userId, kind FROM notifications WHERE deliver_at > created_at AND deliver_at > ? AND deliver_at <= ?",
  )
    .bind(now - 60_000, now)
    .all<{ id: string; userId: string; kind: NotificationKind }>();
  await pushNotifications(ctx, results);
  return results.length;
}

/**
 * Who hears of a new comment on a post, from its thread: `followers` (not muted) get "comment" notifications,
 * `muted` get no "reply" nor "comment" one, even as the post's author (services/feed/threads.ts sets both).
 */
export async function threadListeners(ctx: ServiceContext, postId: string): Promise<{ followers: string[]; muted: Set<string> }> {
  const rows = await ctx.db.select({ id: threadFollows.userId, muted: threadFollows.muted }).from(threadFollows).where(eq(threadFollows.postId, postId)).all();
  return { followers: rows.filter((r) => !r.muted).map((r) => r.id), muted: new Set(rows.filter((r) => r.muted).map((r) => r.id)) };
}

/** Where `userId` stands with a post's thread (the post's visibility is the caller's to check). */
export async function threadStanding(ctx: ServiceContext, userId: string, postId: string): Promise<ThreadFollow> {
  const row = await ctx.db
    .select({ muted: threadFollows.muted })
    .from(threadFollows)
    .where(and(eq(threadFollows.postId, postId), eq(threadFollows.userId, userId)))
    .get();
  return { following: row !== undefined && !row.muted, muted: row?.muted === true };
}
