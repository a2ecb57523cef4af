import type { QuestionStats } from "../../../contract/questions";
import type { Actor, ServiceContext } from "../../context";
import { ForbiddenError, ValidationError } from "../../errors";
import { canSeeQuestionStats } from "../access";
import { refuseUnless } from "../gate";
import { loadGroup } from "../groups/groups";

const DAY = 86_400_000;

/** The gate of the figures: 403 to whoever sees the group but does not run it. */
export function checkStatsRight(ctx: ServiceContext, actor: Actor, groupId: string): Promise<void> {
  return refuseUnless(loadGroup(ctx, actor, groupId), ({ m }) => canSeeQuestionStats(actor, m), "Only the group's animators and administrators see its figures");
}

const share = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);

/**
 * A group's answer-time figures over the questions asked in [from, to) (default: the 30 days before now): how many
 * were asked and answered, how many of those asked with a promise were answered within it (and the share of them),
 * the median time to the first answer, the shares of first answers by peers and by support members. `overdueNow`
 * is the group's queue as it stands: every question of the group unanswered past its deadline now, whenever asked.
 * Deleted questions do not count.
 */
export async function questionStats(ctx: ServiceContext, actor: Actor, groupId: string, query: { from?: number; to?: number }): Promise<QuestionStats> {
  const { m } = await loadGroup(ctx, actor, groupId);
  if (!canSeeQuestionStats(actor, m)) throw new ForbiddenError("Only the group's animators and administrators see its figures");
  const now = Date.now();
  const to = query.to ?? now;
  const from = query.from ?? to - 30 * DAY;
  if (from >= to) throw new ValidationError([{ path: "to", message: "Must be after from" }]);
  const live = "JOIN posts p ON p.id = q.post_id AND p.deleted_at IS NULL";
  const [totals, delays, overdue] = await ctx.env.DB.batch<any>([
    ctx.env.DB.prepare(
      `SELECT count(*) AS asked, count(q.answered_at) AS answered,
         count(q.deadline_at) AS promised,
         sum(CASE WHEN q.answered_at IS NOT NULL AND q.deadline_at IS NOT NULL AND q.answered_at <= q.deadline_at THEN 1 ELSE 0 END) AS in_time,
         sum(CASE WHEN q.answered_at IS NOT NULL AND q.first_answer_by_support = 1 THEN 1 ELSE 0 END) AS by_support
       FROM questions q INDEXED BY questions_group_time ${live} WHERE q.group_id = ? AND q.created_at >= ? AND q.created_at < ?`,
    ).bind(groupId, from, to),
    ctx.env.DB.prepare(
      `SELECT q.answered_at - q.created_at AS ms FROM questions q INDEXED BY questions_group_time ${live}
       WHERE q.group_id = ? AND q.created_at >= ? AND q.created_at < ? AND q.answered_at IS NOT NULL ORDER BY ms`,
    ).bind(groupId, from, to),
    ctx.env.DB.prepare(`SELECT count(*) AS n FROM questions q INDEXED BY questions_open_group ${live} WHERE q.group_id = ? AND q.answered_at IS NULL AND q.deadline_at <= ?`).bind(groupId, now),
  ]);
  const t = totals.results[0] as { asked: number; answered: number; promised: number; in_time: number | null; by_support: number | null };
  const ms = (delays.results as { ms: number }[]).map((r) => r.ms);
  const median = ms.length === 0 ? null : ms.length % 2 ? ms[(ms.length - 1) / 2] : (ms[ms.length / 2 - 1] + ms[ms.length / 2]) / 2;
  const bySupport = t.by_support ?? 0;
  return {
    from,
    to,
    asked: t.asked,
    answered: t.answered,
    answeredInTime: t.in_time ?? 0,
    inTimeShare: share(t.in_time ?? 0, t.promised),
    medianFirstAnswerMs: median,
    peerShare: share(t.answered - bySupport, t.answered),
    supportShare: share(bySupport, t.answered),
    overdueNow: (overdue.results[0] as { n: number }).n,
  };
}
