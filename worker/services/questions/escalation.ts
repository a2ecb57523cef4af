import { getServerByName } from "partyserver";
import type { NotificationKind } from "../../../contract/enums";
import type { ServiceContext } from "../../context";
import { notifications } from "../../db/conversation";
import { newId } from "../../lib/ids";
import { foldTag } from "../../lib/marks";
import { deliveryTime, pushNotifications, readersAmong } from "../notifications/notify";
import { emitWebhookEvent } from "../webhooks/events";
import { withinBusinessHours } from "./deadline";
import { promiseOf } from "./promise";

/**
 * The escalation of unanswered questions (API.md "Questions and knowledge"), run by the cron every minute, each step
 * once per question:
 * 1. at 75% of its promise (`nudge_at`), the members of its group who are online now and whose declared skills match
 *    one of its tags (folded: case and accents ignored) hear of it (`question_nudge`);
 * 2. past its deadline, the group's support members and animators hear of it (`question_overdue`) and the
 *    `question.overdue` webhook goes out.
 * A step is claimed before anyone is told (`UPDATE … WHERE nudged_at IS NULL … RETURNING`): two sweeps running at once
 * tell each member once. Notifications wait for the member's quiet hours, except a support member's while on duty
 * (now within the group's opening hours). The asker is never told of their own question.
 */

/** At most this many questions per step and run (a backlog drains over the next minutes, most urgent first). */
const STEP_LIMIT = 2_000;
/** A presence row the room has not confirmed for this long is checked with the room before it counts. */
export const PRESENCE_FRESH_MS = 5 * 60_000;

type Claimed = { post_id: string; group_id: string; author_id: string; deadline_at: number | null; tags: string };
type Note = { userId: string; kind: NotificationKind; groupId: string; postId: string; immediate: boolean };

/** Claims due questions of one step in chunks (D1 binds at most 100 values a statement). */
async function claim(ctx: ServiceContext, ids: string[], column: "nudged_at" | "overdue_sent_at", now: number): Promise<Claimed[]> {
  const out: Claimed[] = [];
  for (let i = 0; i < ids.length; i += 90) {
    const chunk = ids.slice(i, i + 90);
    const { results } = await ctx.env.DB.prepare(
      `UPDATE questions SET ${column} = ? WHERE post_id IN (${chunk.map(() => "?").join(",")}) AND ${column} IS NULL AND answered_at IS NULL
       RETURNING post_id, group_id, author_id, deadline_at, (SELECT p.tags FROM posts p WHERE p.id = questions.post_id) AS tags,
         (SELECT p.deleted_at IS NULL AND p.hidden_at IS NULL FROM posts p WHERE p.id = questions.post_id) AS live`,
    )
      .bind(now, ...chunk)
      .all<Claimed & { live: number | null }>();
    // A deleted or hidden question is claimed (so that it is not looked at again) but nobody hears of it.
    out.push(...results.filter((r) => r.live === 1));
  }
  return out;
}

/** Whether each member is online now: presence rows, those not confirmed lately checked with the member's room. */
export async function confirmOnline(ctx: ServiceContext, rows: { userId: string; seenAt: number }[], now: number): Promise<Set<string>> {
  const online = new Set<string>();
  await Promise.all(
    rows.map(async (r) => {
      if (r.seenAt >= now - PRESENCE_FRESH_MS) return online.add(r.userId);
      let connected = 0;
      try {
        connected = await (await getServerByName(ctx.env.UserRoom, r.userId)).connectionCount();
      } catch {
        connected = 0;
      }
      if (connected > 0) {
        online.add(r.userId);
        await ctx.env.DB.prepare("UPDATE presence SET seen_at = ? WHERE user_id = ?").bind(now, r.userId).run();
      } else {
        await ctx.env.DB.prepare("DELETE FROM presence WHERE user_id = ? AND seen_at = ?").bind(r.userId, r.seenAt).run();
      }
    }),
  );
  return online;
}

/** The cron's check of presence rows not confirmed lately (a close lost to a restart): a few each minute. */
export async function sweepPresence(ctx: ServiceContext, now: number): Promise<number> {
  const { results } = await ctx.env.DB.prepare("SELECT user_id AS userId, seen_at AS seenAt FROM presence WHERE seen_at < ? ORDER BY seen_at LIMIT 50")
    .bind(now - 2 * PRESENCE_FRESH_MS)
    .all<{ userId: string; seenAt: number }>();
  const online = await confirmOnline(ctx, results, now);
  return results.length - online.size;
}

/** The group's members online now with their declared skills, folded (one query per group and sweep). */
async function onlineSkilled(ctx: ServiceContext, groupId: string, now: number) {
  const { results } = await ctx.env.DB.prepare(
    `SELECT pr.user_id AS userId, pr.seen_at AS seenAt, u.skills FROM presence pr
     JOIN group_members gm ON gm.group_id = ? AND gm.user_id = pr.user_id AND gm.state = 'member'
     JOIN users u ON u.id = pr.user_id AND u.deactivated_at IS NULL AND u.skills <> '[]'`,
  )
    .bind(groupId)
    .all<{ userId: string; seenAt: number; skills: string }>();
  const online = await confirmOnline(ctx, results, now);
  return results.filter((r) => online.has(r.userId)).map((r) => ({ userId: r.userId, skills: new Set((JSON.parse(r.skills) as string[]).map(foldTag)) }));
}

/** The group's support members and animators (and owners), active members of it. */
async function responders(ctx: ServiceContext, groupId: string) {
  const { results } = await ctx.env.DB.prepare(
    `SELECT gm.user_id AS userId, EXISTS (SELECT 1 FROM support_members s WHERE s.group_id = gm.group_id AND s.user_id = gm.user_id) AS support
     FROM group_members gm WHERE gm.group_id = ? AND gm.state = 'member'
       AND (gm.role IN ('animator', 'owner') OR EXISTS (SELECT 1 FROM support_members s WHERE s.group_id = gm.group_id AND s.user_id = gm.user_id))`,
  )
    .bind(groupId)
    .all<{ userId: string; support: number }>();
  return results;
}

/** Writes the notifications of a sweep step (quiet hours held, but for `immediate` ones) and pushes those due now. */
async function notify(ctx: ServiceContext, notes: Note[], now: number) {
  if (!notes.length) return;
  const ids = [...new Set(notes.map((n) => n.userId))];
  const info = new Map<string, { timezone: string; from: string | null; to: string | null }>();
  for (let i = 0; i < ids.length; i += 90) {
    const chunk = ids.slice(i, i + 90);
    const { results } = await ctx.env.DB.prepare(
      `SELECT u.id, u.timezone, qh."from" AS qfrom, qh."to" AS qto FROM users u LEFT JOIN quiet_hours qh ON qh.user_id = u.id WHERE u.id IN (${chunk.map(() => "?").join(",")})`,
    )
      .bind(...chunk)
      .all<{ id: string; timezone: string; qfrom: string | null; qto: string | null }>();
    for (const r of results) info.set(r.id, { timezone: r.timezone, from: r.qfrom, to: r.qto });
  }
  const rows = notes.map((n) => {
    const u = info.get(n.userId);
    const quiet = u?.from && u.to ? { from: u.from, to: u.to } : undefined;
    return {
      id: newId("ntf", now),
      userId: n.userId,
      kind: n.kind,
      actorId: null,
      groupId: n.groupId,
      postId: n.postId,
      commentId: null,
      deliverAt: n.immediate ? now : deliveryTime(now, u?.timezone ?? "UTC", quiet),
      readAt: null,
      createdAt: now,
    };
  });
  const statements = [];
  for (let i = 0; i < rows.length; i += 9) statements.push(ctx.db.insert(notifications).values(rows.slice(i, i + 9)));
  for (let i = 0; i < statements.length; i += 50) await ctx.db.batch(statements.slice(i, i + 50) as [any, ...any[]]);
  await pushNotifications(ctx, rows.filter((r) => r.deliverAt <= now));
}

/** Step 1: questions 75% through their promise unanswered → online members whose skills match a tag. */
async function nudgeStep(ctx: ServiceContext, now: number): Promise<number> {
  const { results } = await ctx.env.DB.prepare(
    "SELECT post_id FROM questions INDEXED BY questions_open_nudge WHERE answered_at IS NULL AND nudged_at IS NULL AND nudge_at <= ? ORDER BY nudge_at LIMIT ?",
  )
    .bind(now, STEP_LIMIT)
    .all<{ post_id: string }>();
  const claimed = await claim(ctx, results.map((r) => r.post_id), "nudged_at", now);
  // Per group, once a sweep: its online members with skills, kept to those the notification may reach.
  const byGroup = new Map<string, { userId: string; skills: Set<string> }[]>();
  const notes: Note[] = [];
  for (const q of claimed) {
    if (!byGroup.has(q.group_id)) {
      const online = await onlineSkilled(ctx, q.group_id, now);
      const readers = new Set(await readersAmong(ctx, q.group_id, online.map((m) => m.userId), null));
      byGroup.set(q.group_id, online.filter((m) => readers.has(m.userId)));
    }
    const tags = (JSON.parse(q.tags ?? "[]") as string[]).map(foldTag);
    for (const m of byGroup.get(q.group_id)!) {
      if (m.userId !== q.author_id && tags.some((t) => m.skills.has(t))) notes.push({ userId: m.userId, kind: "question_nudge", groupId: q.group_id, postId: q.post_id, immediate: false });
    }
  }
  await notify(ctx, notes, now);
  return claimed.length;
}

/** Step 2: questions past their deadline unanswered → support members and animators; the `question.overdue` webhook. */
async function overdueStep(ctx: ServiceContext, now: number): Promise<number> {
  const { results } = await ctx.env.DB.prepare(
    `SELECT post_id FROM questions INDEXED BY questions_open_overdue
     WHERE answered_at IS NULL AND overdue_sent_at IS NULL AND deadline_at IS NOT NULL AND deadline_at <= ? ORDER BY deadline_at LIMIT ?`,
  )
    .bind(now, STEP_LIMIT)
    .all<{ post_id: string }>();
  const claimed = await claim(ctx, results.map((r) => r.post_id), "overdue_sent_at", now);
  // Per group, once a sweep: who answers for it (kept to those the notification may reach), and whether it is open now.
  const groups = new Map<string, { people: { userId: string; support: number }[]; onDuty: boolean }>();
  const notes: Note[] = [];
  for (const q of claimed) {
    if (!groups.has(q.group_id)) {
      const promise = await promiseOf(ctx, q.group_id);
      const people = await responders(ctx, q.group_id);
      const readers = new Set(await readersAmong(ctx, q.group_id, people.map((p) => p.userId), null));
      groups.set(q.group_id, { people: people.filter((p) => readers.has(p.userId)), onDuty: withinBusinessHours(now, promise) });
    }
    const g = groups.get(q.group_id)!;
    for (const p of g.people) {
      if (p.userId !== q.author_id) notes.push({ userId: p.userId, kind: "question_overdue", groupId: q.group_id, postId: q.post_id, immediate: Boolean(p.support) && g.onDuty });
    }
  }
  await notify(ctx, notes, now);
  for (let i = 0; i < claimed.length; i += 50) {
    await Promise.all(claimed.slice(i, i + 50).map((q) => emitWebhookEvent(ctx, "question.overdue", { questionId: q.post_id, groupId: q.group_id, deadlineAt: q.deadline_at! })));
  }
  return claimed.length;
}

/** The cron's escalation sweep: the nudges first, then the overdue questions (a question past both gets both, in that order). */
export async function sweepQuestions(ctx: ServiceContext, now: number): Promise<{ nudged: number; overdue: number; ms: number }> {
  const t0 = Date.now();
  const nudged = await nudgeStep(ctx, now);
  const overdue = await overdueStep(ctx, now);
  return { nudged, overdue, ms: Date.now() - t0 };
}
