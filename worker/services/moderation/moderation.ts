import { and, eq } from "drizzle-orm";
import type { Actor, ServiceContext } from "../../context";
import { comments, posts, reports } from "../../db/conversation";
import { auditInsert } from "../audit/audit";
import { ForbiddenError, NotFoundError } from "../../errors";
import { newId } from "../../lib/ids";
import { canModerateGroup, moderatesNetwork } from "../access";
import { loadGroup } from "../groups/groups";
import { loadComment } from "../posts/comments";
import { loadPost } from "../posts/posts";
import type { AuditEntry, Report } from "../../../contract/moderation";
import { join, raw, sqlPart, statement } from "../../lib/sql";

export type ReportTarget = { type: "post" | "comment"; id: string };

/** A row of the queue's query. A reported comment's row is always there (comments are only ever soft-deleted). */
type ReportRow = {
  id: string;
  target_type: "post" | "comment";
  target_id: string;
  group_id: string;
  group_name: string;
  reporter_id: string;
  reporter_name: string;
  reason: string;
  state: Report["state"];
  excerpt: string | null;
  hidden_at: number | null;
  /** The reported comment's post; null for a reported post. */
  comment_post_id: string | null;
  created_at: number;
};

async function loadTarget(ctx: ServiceContext, actor: Actor, target: ReportTarget) {
  if (target.type === "post") {
    const { post, m } = await loadPost(ctx, actor, target.id);
    return { groupId: post.groupId, m, item: post };
  }
  // The comment's group comes with it (loadComment: one statement).
  const { comment, group, m } = await loadComment(ctx, actor, target.id);
  return { groupId: group.id, m, item: comment };
}

/** Any reader reports a post or comment with a reason; it joins its group's moderation queue. */
export async function reportItem(ctx: ServiceContext, actor: Actor, target: ReportTarget, reason: string) {
  const { groupId } = await loadTarget(ctx, actor, target);
  const now = Date.now();
  const id = newId("rpt", now);
  await ctx.db.insert(reports).values({ id, targetType: target.type, targetId: target.id, groupId, reporterId: actor.id, reason, createdAt: now });
  return { id };
}

/**
 * Hides (or restores) a post or comment: moderators of its group and admins. The author still sees it, marked hidden.
 * The change, the open reports it settles and the audit row (who, what, when, before/after) are one atomic batch.
 */
export async function moderateItem(ctx: ServiceContext, actor: Actor, target: ReportTarget, action: "hide" | "restore") {
  const { groupId, m, item } = await loadTarget(ctx, actor, target);
  if (!canModerateGroup(actor, m)) throw new ForbiddenError("Only the group's animators and administrators moderate");
  const now = Date.now();
  const hiddenAt = action === "hide" ? (item.hiddenAt ?? now) : null;
  const table = target.type === "post" ? posts : comments;
  await ctx.db.batch([
    ctx.db.update(table).set({ hiddenAt }).where(eq(table.id, target.id)),
    ctx.db
      .update(reports)
      .set({ state: action === "hide" ? "hidden" : "restored", resolvedBy: actor.id, resolvedAt: now })
      .where(and(eq(reports.targetId, target.id), eq(reports.state, "open"))),
    auditInsert(ctx, actor, { action: `${target.type}.${action}`, target, groupId, before: { hiddenAt: item.hiddenAt }, after: { hiddenAt } }, now),
  ]);
}

/** Dismisses a report without acting on the content (audited too). */
export async function dismissReport(ctx: ServiceContext, actor: Actor, reportId: string) {
  const report = await ctx.db.select().from(reports).where(eq(reports.id, reportId)).get();
  if (!report) throw new NotFoundError("No such report");
  const { m } = await loadGroup(ctx, actor, report.groupId);
  if (!canModerateGroup(actor, m)) throw new NotFoundError("No such report");
  const now = Date.now();
  await ctx.db.batch([
    ctx.db.update(reports).set({ state: "dismissed", resolvedBy: actor.id, resolvedAt: now }).where(eq(reports.id, reportId)),
    auditInsert(ctx, actor, { action: "report.dismiss", target: { type: "report", id: reportId }, groupId: report.groupId, before: { state: report.state }, after: { state: "dismissed" } }, now),
  ]);
}

/**
 * The moderation queue: a group's open reports (its moderators), or the whole network's (administrators), oldest first,
 * each with an excerpt of what was reported.
 */
export async function listReports(ctx: ServiceContext, actor: Actor, scope: { groupId?: string; state: "open" | "all"; limit: number }, cursor?: string): Promise<{ items: Report[]; next: string | null }> {
  if (scope.groupId) {
    const { m } = await loadGroup(ctx, actor, scope.groupId);
    if (!canModerateGroup(actor, m)) throw new ForbiddenError("Only the group's animators see its reports");
  } else if (!moderatesNetwork(actor)) {
    throw new ForbiddenError("Only administrators see the network's reports");
  }
  const where = join(
    [raw("1"), ...(scope.groupId ? [sqlPart`r.group_id = ${scope.groupId}`] : []), ...(scope.state === "open" ? [raw("r.state = 'open'")] : []), ...(cursor ? [sqlPart`r.id > ${cursor}`] : [])],
    " AND ",
  );
  const { results } = await statement(
    ctx.env.DB,
    sqlPart`SELECT r.*, g.name AS group_name, u.name AS reporter_name,
       CASE r.target_type WHEN 'post' THEN (SELECT substr(body, 1, 200) FROM posts WHERE id = r.target_id) ELSE (SELECT substr(body, 1, 200) FROM comments WHERE id = r.target_id) END AS excerpt,
       CASE r.target_type WHEN 'post' THEN (SELECT hidden_at FROM posts WHERE id = r.target_id) ELSE (SELECT hidden_at FROM comments WHERE id = r.target_id) END AS hidden_at,
       CASE r.target_type WHEN 'comment' THEN (SELECT post_id FROM comments WHERE id = r.target_id) END AS comment_post_id
     FROM reports r JOIN groups g ON g.id = r.group_id JOIN users u ON u.id = r.reporter_id
     WHERE ${where} ORDER BY r.id LIMIT ${scope.limit + 1}`,
  ).all<ReportRow>();
  const page = results.slice(0, scope.limit);
  return {
    items: page.map(
      (r): Report => ({
        id: r.id,
        target: r.target_type === "comment" ? { type: "comment", id: r.target_id, postId: r.comment_post_id! } : { type: "post", id: r.target_id },
        group: { id: r.group_id, name: r.group_name },
        reporter: { id: r.reporter_id, name: r.reporter_name },
        reason: r.reason,
        state: r.state,
        excerpt: r.excerpt,
        hidden: r.hidden_at !== null,
        createdAt: r.created_at,
      }),
    ),
    next: results.length > scope.limit ? page.at(-1)!.id : null,
  };
}

/** The audit log of a group (its moderators) or of the network (administrators), newest first. */
export async function listAudit(ctx: ServiceContext, actor: Actor, scope: { groupId?: string; limit: number }, cursor?: string): Promise<{ items: AuditEntry[]; next: string | null }> {
  if (scope.groupId) {
    const { m } = await loadGroup(ctx, actor, scope.groupId);
    if (!canModerateGroup(actor, m)) throw new ForbiddenError("Only the group's animators see its audit log");
  } else if (!moderatesNetwork(actor)) {
    throw new ForbiddenError("Only administrators see the audit log");
  }
  const where = join([scope.groupId ? sqlPart`a.group_id = ${scope.groupId}` : raw("1"), ...(cursor ? [sqlPart`a.id < ${cursor}`] : [])], " AND ");
  const { results } = await statement(
    ctx.env.DB,
    sqlPart`SELECT a.*, u.name AS actor_name FROM audit_log a JOIN users u ON u.id = a.actor_id WHERE ${where} ORDER BY a.id DESC LIMIT ${scope.limit + 1}`,
  ).all<any>();
  const page = results.slice(0, scope.limit);
  return {
    items: page.map((a): AuditEntry => ({
      id: a.id,
      actor: { id: a.actor_id, name: a.actor_name },
      action: a.action,
      target: { type: a.target_type, id: a.target_id },
      groupId: a.group_id,
      before: a.before ? JSON.parse(a.before) : null,
      after: a.after ? JSON.parse(a.after) : null,
      createdAt: a.created_at,
    })),
    next: results.length > scope.limit ? page.at(-1).id : null,
  };
}
