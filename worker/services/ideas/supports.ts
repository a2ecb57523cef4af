import { auditInsertIf } from "../audit/audit";
import { afterAnswer, type Actor, type ServiceContext } from "../../context";
import type { Idea, IdeaStatus } from "../../../contract/ideas";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../../errors";
import { insertWhere, join, raw, sqlPart, statement, type SqlPart } from "../../lib/sql";
import { settled } from "../../lib/settled";
import { canManageIdeas, canMoveIdea, canTakePartInIdeas, sqlReadableItem, sqlUserReadsGroup } from "../access";
import { notificationBatchOf, type RecipientInfo } from "../notifications/notify";
import { emitWebhookEvent } from "../webhooks/events";
import { publishToCampaign } from "../live";
import { campaignState, loadCampaign } from "./campaigns";
import { ideaViewStatements, loadIdea, presentIdeas, supportRefusal, type IdeaFactsRow } from "./ideas";
import { loadGroup } from "../groups/groups";
import { canSeeIdeaPlace } from "../access";
import { ftsQuery } from "../search/search";

/** Tells the campaign's room and the webhooks an idea's new support count (`row`: read in the batch that changed it). */
async function announceSupportCount(ctx: ServiceContext, facts: IdeaFactsRow, ideaId: string, row: { support_count: number } | undefined) {
  if (!row) return;
  await afterAnswer(ctx, async () => {
    if (facts.campaign_id) await publishToCampaign(ctx, facts.campaign_id, "idea.supported", { ideaId, supportCount: row.support_count });
    await emitWebhookEvent(ctx, "idea.supported", { ideaId, supportCount: row.support_count });
  });
}

/**
 * Supports an idea (idempotent): never one's own, never once its campaign is closed, and within the campaign's limit
 * counted exactly — the INSERT itself carries the condition `(SELECT count(*) …) < limit`, and D1 runs a batch's
 * statements one after another, so twenty clicks at once on twenty ideas give exactly `limit` supports. The count on
 * the idea is recomputed in the same batch.
 */
export async function supportIdea(ctx: ServiceContext, actor: Actor, ideaId: string): Promise<void> {
  const { facts, place } = await loadIdea(ctx, actor, ideaId);
  if (!canTakePartInIdeas(actor, place)) throw new ForbiddenError("Only the campaign's or box's members support its ideas");
  if (facts.mine) return;
  const refusal = supportRefusal(actor, facts);
  if (refusal) throw new ConflictError(refusal);
  const now = Date.now();
  const [insert, , counted] = await ctx.env.DB.batch([
    ctx.env.DB.prepare(
      `INSERT INTO idea_supports (idea_id, user_id, campaign_id, created_at)
       SELECT ?1, ?2, ?3, ?4 WHERE ?5 IS NULL OR (SELECT count(*) FROM idea_supports WHERE user_id = ?2 AND campaign_id = ?3) < ?5
       ON CONFLICT DO NOTHING`,
    ).bind(ideaId, actor.id, facts.campaign_id, now, facts.c_limit),
    ctx.env.DB.prepare("UPDATE ideas SET support_count = (SELECT count(*) FROM idea_supports WHERE idea_id = ?1) WHERE post_id = ?1").bind(ideaId),
    // The new count, and whether the support is mine, read in the same batch (two D1 round trips in all, issue 13).
    ctx.env.DB.prepare("SELECT support_count, EXISTS (SELECT 1 FROM idea_supports WHERE idea_id = ?1 AND user_id = ?2) AS mine FROM ideas WHERE post_id = ?1").bind(ideaId, actor.id),
  ]);
  const after = (counted as D1Result<{ support_count: number; mine: number }>).results[0];
  if (!insert.meta.changes) {
    if (after?.mine) return; // the same member's other request got there first
    throw new ConflictError("You gave all the supports this campaign allows");
  }
  await announceSupportCount(ctx, facts, ideaId, after);
}

/** Withdraws one's support (idempotent) while the campaign is open. */
export async function unsupportIdea(ctx: ServiceContext, actor: Actor, ideaId: string): Promise<void> {
  const { facts, place } = await loadIdea(ctx, actor, ideaId);
  if (!canTakePartInIdeas(actor, place)) throw new ForbiddenError("Only the campaign's or box's members support its ideas");
  if (facts.campaign_id !== null && campaignState({ startsAt: facts.c_starts!, endsAt: facts.c_ends! }) !== "open") throw new ConflictError("The campaign is not open");
  if (!facts.mine) return;
  const [, , counted] = await ctx.env.DB.batch([
    ctx.env.DB.prepare("DELETE FROM idea_supports WHERE idea_id = ? AND user_id = ?").bind(ideaId, actor.id),
    ctx.env.DB.prepare("UPDATE ideas SET support_count = (SELECT count(*) FROM idea_supports WHERE idea_id = ?1) WHERE post_id = ?1").bind(ideaId),
    ctx.env.DB.prepare("SELECT support_count FROM ideas WHERE post_id = ?").bind(ideaId),
  ]);
  await announceSupportCount(ctx, facts, ideaId, (counted as D1Result<{ support_count: number }>).results[0]);
}

/**
 * In one statement (issue 13), who hears of an idea's new status, with what their notification needs (time zone, quiet
 * hours): its author and its supporters who may read its group (as {@link readersAmong}), active, not hearing nothing
 * of the group, not the one who moves it.
 */
function statusRecipients(ctx: ServiceContext, actor: Actor, ideaId: string): Promise<RecipientInfo[]> {
  return statement(
    ctx.env.DB,
    sqlPart`SELECT u.id, u.timezone, qh."from" AS q_from, qh."to" AS q_to
     FROM ideas i JOIN groups g ON g.id = i.group_id
     JOIN users u ON u.id = i.author_id OR u.id IN (SELECT s.user_id FROM idea_supports s WHERE s.idea_id = i.post_id)
     LEFT JOIN quiet_hours qh ON qh.user_id = u.id
     WHERE i.post_id = ${ideaId} AND u.id <> ${actor.id} AND ${raw(sqlUserReadsGroup("u", "g.id", "g.visibility"))}
       AND NOT EXISTS (SELECT 1 FROM group_members z WHERE z.group_id = g.id AND z.user_id = u.id AND z.notify = 'none')`,
  )
    .all<{ id: string; timezone: string; q_from: string | null; q_to: string | null }>()
    .then(({ results }) => results.map((r) => ({ id: r.id, timezone: r.timezone, from: r.q_from, to: r.q_to })));
}

/**
 * Moves an idea along the funnel (API.md "Ideas"): the allowed transitions only (409 otherwise), a reason required to
 * decline (400). The change is kept in the history and notifies the author and the supporters who may read it.
 */
export async function setIdeaStatus(ctx: ServiceContext, actor: Actor, ideaId: string, input: { status: IdeaStatus; reason: string }): Promise<Idea> {
  // The idea and who hears of its move are read together, with the session check and the gate (one D1 round trip,
  // issue 13); then the move, its history, audit and notifications, and the idea's new view, in one batch.
  const [{ facts, place }, recipientsRead] = await Promise.all([loadIdea(ctx, actor, ideaId), settled(statusRecipients(ctx, actor, ideaId))]);
  if (!canManageIdeas(actor, place)) throw new ForbiddenError("Only the campaign's or box's animators move its ideas");
  if (input.status === "declined" && input.reason.trim() === "") throw new ValidationError([{ path: "reason", message: "Say why the idea is declined" }]);
  if (!canMoveIdea(facts.status, input.status)) throw new ConflictError(`An idea ${facts.status} cannot become ${input.status}`);
  const now = Date.now();
  const notes = notificationBatchOf(ctx, recipientsRead(), { kind: "idea_status", actorId: actor.id, groupId: facts.group_id, postId: ideaId }, now);
  // The UPDATE holds its own condition (the status it read): a concurrent change makes it a no-op, and the history
  // entry is written only when it took effect, the notifications only when that entry was.
  const moved = sqlPart`EXISTS (SELECT 1 FROM idea_history WHERE idea_id = ${ideaId} AND status = ${input.status} AND by_id = ${actor.id} AND at = ${now})`;
  const db = ctx.env.DB;
  const answers = await db.batch<any>([
    db.prepare("UPDATE ideas SET status = ? WHERE post_id = ? AND status = ?").bind(input.status, ideaId, facts.status),
    db.prepare("INSERT INTO idea_history (idea_id, status, reason, by_id, at) SELECT ?, ?, ?, ?, ? WHERE changes() = 1").bind(ideaId, input.status, input.reason, actor.id, now),
    auditInsertIf(ctx, actor, { action: "idea.status", target: { type: "idea", id: ideaId }, groupId: facts.group_id, before: { status: facts.status }, after: { status: input.status, reason: input.reason } }, now, "changes() = 1"),
    ...notes.statements.map((q) => insertWhere(db, q, moved)),
    ...ideaViewStatements(ctx, actor, [ideaId]),
  ]);
  if (!answers[0].meta.changes) throw new ConflictError("The idea's status changed meanwhile");
  await afterAnswer(ctx, async () => {
    await notes.pushLive();
    await emitWebhookEvent(ctx, "idea.status_changed", { ideaId, from: facts.status, to: input.status, reason: input.reason, byId: actor.id });
  });
  return presentIdeas(actor, [ideaId], answers.slice(-3))[0];
}

/**
 * Merges a duplicate into another idea of the same campaign or box: its supports move to the kept idea (one per
 * member; the kept idea's author's own are dropped), the duplicate points to the kept one and leaves the lists.
 */
export async function mergeIdea(ctx: ServiceContext, actor: Actor, ideaId: string, intoId: string): Promise<Idea> {
  // Both ideas are read together, with the session check and the gate (one D1 round trip, issue 13); then the merge,
  // its audit row and the kept idea's new view, in one batch.
  const [{ facts, place }, intoRead] = await Promise.all([loadIdea(ctx, actor, ideaId), settled(loadIdea(ctx, actor, intoId))]);
  if (!canManageIdeas(actor, place)) throw new ForbiddenError("Only the campaign's or box's animators merge its ideas");
  const into = (() => {
    try {
      return intoRead();
    } catch (err) {
      if (err instanceof NotFoundError) throw new ValidationError([{ path: "intoId", message: "No such idea" }]);
      throw err;
    }
  })();
  if (intoId === ideaId) throw new ConflictError("An idea is not merged into itself");
  if (facts.campaign_id !== into.facts.campaign_id || facts.box_group_id !== into.facts.box_group_id) throw new ConflictError("Only ideas of the same campaign or box are merged");
  if (facts.merged_into !== null || into.facts.merged_into !== null) throw new ConflictError("One of these ideas was merged already");
  const merged = await ctx.env.DB.batch([
    ctx.env.DB.prepare(
      `INSERT OR IGNORE INTO idea_supports (idea_id, user_id, campaign_id, created_at)
       SELECT ?1, user_id, campaign_id, created_at FROM idea_supports WHERE idea_id = ?2 AND user_id <> ?3`,
    ).bind(intoId, ideaId, into.facts.author_id),
    ctx.env.DB.prepare("DELETE FROM idea_supports WHERE idea_id = ?").bind(ideaId),
    ctx.env.DB.prepare("UPDATE ideas SET merged_into = ?, support_count = 0 WHERE post_id = ? AND merged_into IS NULL").bind(intoId, ideaId),
    auditInsertIf(ctx, actor, { action: "idea.merge", target: { type: "idea", id: ideaId }, groupId: facts.group_id, after: { mergedInto: intoId } }, Date.now(), "changes() = 1"),
    ctx.env.DB.prepare("UPDATE ideas SET support_count = (SELECT count(*) FROM idea_supports WHERE idea_id = ?1) WHERE post_id = ?1").bind(intoId),
    ctx.env.DB.prepare("SELECT support_count FROM ideas WHERE post_id = ?").bind(intoId),
    ...ideaViewStatements(ctx, actor, [intoId]),
  ]);
  await announceSupportCount(ctx, into.facts, intoId, (merged.at(-4) as D1Result<{ support_count: number }>).results[0]);
  return presentIdeas(actor, [intoId], merged.slice(-3) as D1Result<any>[])[0];
}

/** Up to 5 ideas of the same campaign or box whose title, body or tags match `q` (FTS5), as the caller may read them. */
export async function similarIdeas(ctx: ServiceContext, actor: Actor, query: { q: string; campaignId?: string; groupId?: string; limit?: number }) {
  if (query.campaignId !== undefined && query.groupId !== undefined) throw new ValidationError([{ path: "groupId", message: "Give campaignId or groupId, not both" }]);
  if (query.campaignId === undefined && query.groupId === undefined) throw new ValidationError([{ path: "campaignId", message: "Give campaignId or groupId" }]);
  let scope: SqlPart;
  if (query.campaignId) {
    await loadCampaign(ctx, actor, query.campaignId);
    scope = sqlPart`i.campaign_id = ${query.campaignId}`;
  } else {
    const { group, m } = await loadGroup(ctx, actor, query.groupId!);
    if (!canSeeIdeaPlace(actor, { network: false, group, m })) return { items: [] };
    scope = sqlPart`i.box_group_id = ${query.groupId}`;
  }
  // Any of the words, best first (bm25): a title that grows still finds the idea it resembles.
  const match = ftsQuery(query.q, "any");
  if (!match) return { items: [] };
  const { results } = await statement(
    ctx.env.DB,
    sqlPart`SELECT i.post_id AS id, p.title, i.status, i.support_count FROM posts_fts JOIN posts p ON p.rowid = posts_fts.rowid JOIN ideas i ON i.post_id = p.id
      WHERE posts_fts MATCH ${match} AND ${join([scope, sqlPart`i.merged_into IS NULL`, sqlReadableItem(actor, "p", "p.group_id")], " AND ")}
      ORDER BY bm25(posts_fts, 5.0, 1.0, 1.0) LIMIT ${Math.min(query.limit ?? 5, 5)}`,
  ).all<{ id: string; title: string; status: IdeaStatus; support_count: number }>();
  return { items: results.map((r) => ({ id: r.id, title: r.title, status: r.status, supportCount: r.support_count })) };
}
