import { auditInsert } from "../audit/audit";
import { and, eq, sql } from "drizzle-orm";
import type { Actor, ServiceContext } from "../../context";
import type { Campaign, CampaignBody, CampaignPatch } from "../../../contract/ideas";
import { campaigns, NETWORK_IDEAS_GROUP_ID } from "../../db/ideas";
import { groupMembers, groups } from "../../db/groups";
import { ForbiddenError, NotFoundError, ValidationError } from "../../errors";
import { newId } from "../../lib/ids";
import { renderMarkdown } from "../../lib/markdown";
import { join, sqlPart, statement, statementOf, type SqlPart } from "../../lib/sql";
import { canManageIdeas, canSeeIdeaPlace, canTakePartInIdeas, sqlVisibleCampaign, type IdeaPlace } from "../access";
import { refuseUnless } from "../gate";
import { groupFactsOf, loadGroup, sqlGroupFacts } from "../groups/groups";
import { actorAndSummaryWith } from "../auth/sessions";
import { users } from "../../db/users";
import { emitWebhookEvent } from "../webhooks/events";

export type CampaignRow = typeof campaigns.$inferSelect;
export type CampaignState = Campaign["state"];

/** From the clock, whenever it is read (API.md "Ideas"): the window is [startsAt, endsAt). */
export function campaignState(c: { startsAt: number; endsAt: number }, now = Date.now()): CampaignState {
  if (now < c.startsAt) return "scheduled";
  return now >= c.endsAt ? "closed" : "open";
}

/**
 * The group holding network-wide campaigns' ideas (db/ideas.ts): made once, with the first network-wide campaign, by
 * these statements of the campaign's batch (none when `found`, read with the caller's checks). Its name is taken out
 * of groups_fts in the same batch (only when this batch made it: `created_at` is this batch's clock), so no group
 * search finds it.
 */
function networkIdeasGroupStatements(ctx: ServiceContext, actor: Actor, found: boolean, now: number): D1PreparedStatement[] {
  if (found) return [];
  return [
    ctx.env.DB.prepare(
      `INSERT OR IGNORE INTO groups (id, name, description, visibility, kind, created_by, created_at, updated_at) VALUES (?, 'Network ideas', '', 'open', 'community', ?, ?, ?)`,
    ).bind(NETWORK_IDEAS_GROUP_ID, actor.id, now, now),
    ctx.env.DB.prepare(
      `INSERT INTO groups_fts(groups_fts, rowid, name, description) SELECT 'delete', rowid, name, description FROM groups WHERE id = ? AND created_at = ?`,
    ).bind(NETWORK_IDEAS_GROUP_ID, now),
  ];
}

/**
 * A campaign the caller may see (its group's readers; network-wide: every member but guests), or 404. The campaign,
 * its group and my membership there are read in one statement (one D1 round trip, issue 13).
 */
export async function loadCampaign(ctx: ServiceContext, actor: Actor, id: string) {
  const row = await ctx.db
    .select({ campaign: campaigns, visibility: groups.visibility, role: groupMembers.role, state: groupMembers.state })
    .from(campaigns)
    .leftJoin(groups, eq(groups.id, campaigns.groupId))
    .leftJoin(groupMembers, and(eq(groupMembers.groupId, campaigns.groupId), eq(groupMembers.userId, actor.id)))
    .where(eq(campaigns.id, id))
    .get();
  if (!row) throw new NotFoundError("No such campaign");
  const { campaign } = row;
  let place: IdeaPlace;
  if (campaign.groupId === null) place = { network: true };
  else {
    // A campaign whose group is gone is no campaign.
    if (row.visibility === null) throw new NotFoundError("No such campaign");
    place = { network: false, group: { visibility: row.visibility }, m: row.role && row.state ? { role: row.role, state: row.state } : null };
  }
  if (!canSeeIdeaPlace(actor, place)) throw new NotFoundError("No such campaign");
  return { campaign, place };
}

/**
 * A campaign room's join in ONE D1 statement (issue 13): the live session, its member and their summary, whether the
 * campaign exists and its group's facts for that member (`sqlGroupFacts` over the campaign's `group_id`), read
 * together; then loadCampaign's rule: {@link canSeeIdeaPlace} (network-wide: every member but guests; else the group's
 * readers). Null when the session is not live (401); `allowed` false when the member may not see it (404).
 */
export async function campaignJoinFromSession(ctx: ServiceContext, token: string, id: string, now = Date.now()) {
  const who = await actorAndSummaryWith(
    ctx,
    token,
    {
      found: sql<number>`EXISTS (SELECT 1 FROM ${campaigns} WHERE ${campaigns.id} = ${id})`.mapWith(Number),
      network: sql<number>`EXISTS (SELECT 1 FROM ${campaigns} WHERE ${campaigns.id} = ${id} AND ${campaigns.groupId} IS NULL)`.mapWith(Number),
      facts: sqlGroupFacts(sql`(SELECT c_f.group_id FROM campaigns c_f WHERE c_f.id = ${id})`, sql`${users.id}`),
    },
    now,
  );
  if (!who) return null;
  const { found, network, facts } = who.extra;
  const group = groupFactsOf(facts);
  // As loadCampaign: a campaign whose group is gone is no campaign (404).
  const place: IdeaPlace | null = found !== 1 ? null : network === 1 ? { network: true } : group && { network: false, ...group };
  return { actor: who.actor, member: who.member, allowed: place !== null && canSeeIdeaPlace(who.actor, place) };
}

/** The gate of a campaign's routes: 403 to whoever sees it but may not manage (or take part in) it. */
export function checkCampaignRight(ctx: ServiceContext, actor: Actor, id: string, right: "manage" | "takePart"): Promise<void> {
  return refuseUnless(
    loadCampaign(ctx, actor, id),
    ({ place }) => (right === "manage" ? canManageIdeas(actor, place) : canTakePartInIdeas(actor, place)),
    right === "manage" ? "Only the campaign's animators (administrators, network-wide) manage it" : "Only the campaign's members take part in it",
  );
}

/** The counts and the caller's supports of campaigns, as SQL columns over `c`. */
function countColumns(actor: Actor): SqlPart {
  return sqlPart`(SELECT count(*) FROM ideas i JOIN posts p ON p.id = i.post_id WHERE i.campaign_id = c.id AND i.merged_into IS NULL AND p.deleted_at IS NULL) AS n_ideas,
    (SELECT count(DISTINCT s.user_id) FROM idea_supports s WHERE s.campaign_id = c.id) AS n_supporters,
    (SELECT count(*) FROM idea_supports s WHERE s.user_id = ${actor.id} AND s.campaign_id = c.id) AS my_supports`;
}

type CampaignListRow = {
  id: string; group_id: string | null; title: string; brief: string; brief_html: string; starts_at: number; ends_at: number; support_limit: number | null;
  created_at: number; n_ideas: number; n_supporters: number; my_supports: number; g_name: string | null; g_visibility: string | null; m_role: string | null; m_state: string | null;
};

function presentCampaign(actor: Actor, r: CampaignListRow, now = Date.now()): Campaign {
  const place: IdeaPlace =
    r.group_id === null
      ? { network: true }
      : { network: false, group: { visibility: r.g_visibility as "open" }, m: r.m_role && r.m_state ? { role: r.m_role as "member", state: r.m_state as "member" } : null };
  const state = campaignState({ startsAt: r.starts_at, endsAt: r.ends_at }, now);
  return {
    id: r.id,
    title: r.title,
    brief: r.brief,
    briefHtml: r.brief_html,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    groupId: r.group_id,
    group: r.group_id ? { id: r.group_id, name: r.g_name ?? "" } : null,
    supportLimit: r.support_limit,
    state,
    counts: { ideas: r.n_ideas, supporters: r.n_supporters },
    mySupports: r.my_supports,
    can: { post: state === "open" && canTakePartInIdeas(actor, place), manage: canManageIdeas(actor, place) },
    createdAt: r.created_at,
  };
}

function campaignSelect(actor: Actor): SqlPart {
  return sqlPart`SELECT c.id, c.group_id, c.title, c.brief, c.brief_html, c.starts_at, c.ends_at, c.support_limit, c.created_at, ${countColumns(actor)},
      g.name AS g_name, g.visibility AS g_visibility, m.role AS m_role, m.state AS m_state
    FROM campaigns c LEFT JOIN groups g ON g.id = c.group_id LEFT JOIN group_members m ON m.group_id = c.group_id AND m.user_id = ${actor.id}`;
}

export async function getCampaign(ctx: ServiceContext, actor: Actor, id: string): Promise<Campaign> {
  await loadCampaign(ctx, actor, id);
  const row = await statement(ctx.env.DB, sqlPart`${campaignSelect(actor)} WHERE c.id = ${id}`).first<CampaignListRow>();
  if (!row) throw new NotFoundError("No such campaign");
  return presentCampaign(actor, row);
}

function checkWindow(startsAt: number, endsAt: number) {
  if (endsAt <= startsAt) throw new ValidationError([{ path: "endsAt", message: "A campaign ends after it starts" }]);
}

/** A group's animators (and administrators) open a campaign there; network-wide campaigns are the administrators'. */
export async function createCampaign(ctx: ServiceContext, actor: Actor, input: CampaignBody): Promise<Campaign> {
  // The group and my membership there (network-wide: whether the network's ideas group exists) are read with the
  // session check, then the campaign, its audit row and its view travel in one batch (two D1 round trips, issue 13).
  let place: IdeaPlace;
  let networkGroupFound = true;
  if (input.groupId === null) {
    if (actor.role !== "admin") throw new ForbiddenError("Only administrators open network-wide campaigns");
    networkGroupFound = (await ctx.db.select({ id: groups.id }).from(groups).where(eq(groups.id, NETWORK_IDEAS_GROUP_ID)).get()) !== undefined;
    place = { network: true };
  } else {
    const { group, m } = await loadGroup(ctx, actor, input.groupId);
    place = { network: false, group, m };
    if (!canManageIdeas(actor, place)) throw new ForbiddenError("Only the group's animators open campaigns there");
  }
  checkWindow(input.startsAt, input.endsAt);
  const now = Date.now();
  const id = newId("cmp", now);
  // A campaign opened already started: its `campaign.opened` is sent by the cron like any other (once).
  const audit = auditInsert(ctx, actor, { action: "campaign.create", target: { type: "campaign", id }, groupId: input.groupId, after: { title: input.title, startsAt: input.startsAt, endsAt: input.endsAt } }, now);
  const db = ctx.env.DB;
  const answers = await db.batch<CampaignListRow>([
    ...networkIdeasGroupStatements(ctx, actor, networkGroupFound, now),
    statementOf(
      db,
      ctx.db.insert(campaigns).values({
        id,
        groupId: input.groupId,
        title: input.title,
        brief: input.brief,
        briefHtml: renderMarkdown(input.brief),
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        supportLimit: input.supportLimit ?? null,
        createdBy: actor.id,
        createdAt: now,
        updatedAt: now,
      }),
    ),
    statementOf(db, audit),
    statement(db, sqlPart`${campaignSelect(actor)} WHERE c.id = ${id}`),
  ]);
  // As getCampaign would answer it: the campaign seen through the place read above (the batch changed no membership).
  const row = answers.at(-1)!.results[0];
  if (!row || !canSeeIdeaPlace(actor, place)) throw new NotFoundError("No such campaign");
  return presentCampaign(actor, row);
}

export async function updateCampaign(ctx: ServiceContext, actor: Actor, id: string, input: CampaignPatch): Promise<Campaign> {
  // The campaign and my right to it are read with the session check and the gate, then the change, its audit row and
  // the campaign's new view travel in one batch (two D1 round trips, issue 13).
  const { campaign, place } = await loadCampaign(ctx, actor, id);
  if (!canManageIdeas(actor, place)) throw new ForbiddenError("Only the campaign's animators manage it");
  const startsAt = input.startsAt ?? campaign.startsAt;
  const endsAt = input.endsAt ?? campaign.endsAt;
  checkWindow(startsAt, endsAt);
  const now = Date.now();
  const changed = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  const before = Object.fromEntries(Object.keys(changed).map((k) => [k, campaign[k as keyof typeof campaign]]));
  const audit = auditInsert(ctx, actor, { action: "campaign.update", target: { type: "campaign", id }, groupId: campaign.groupId, before, after: changed }, now);
  const db = ctx.env.DB;
  const update = ctx.db
    .update(campaigns)
    .set({
      ...(input.title !== undefined && { title: input.title }),
      ...(input.brief !== undefined && { brief: input.brief, briefHtml: renderMarkdown(input.brief) }),
      startsAt,
      endsAt,
      ...(input.supportLimit !== undefined && { supportLimit: input.supportLimit }),
      // A window moved into the future opens (or closes) again: the cron sends its event then.
      ...(startsAt > now && { openedSentAt: null }),
      ...(endsAt > now && { closedSentAt: null }),
      updatedAt: now,
    })
    .where(eq(campaigns.id, id));
  const answers = await db.batch<CampaignListRow>([statementOf(db, update), statementOf(db, audit), statement(db, sqlPart`${campaignSelect(actor)} WHERE c.id = ${id}`)]);
  const row = answers.at(-1)!.results[0];
  if (!row) throw new NotFoundError("No such campaign");
  return presentCampaign(actor, row);
}

export type CampaignCursor = { s: number; i: string };

/** The campaigns the caller may see, latest start first, keyset-paginated; visibility and state in the SQL. */
export async function listCampaigns(ctx: ServiceContext, actor: Actor, query: { state?: CampaignState; groupId?: string; limit: number }, cursor?: CampaignCursor) {
  const now = Date.now();
  const where: SqlPart[] = [sqlVisibleCampaign(actor, "c", "g.visibility")];
  if (query.groupId) where.push(sqlPart`c.group_id = ${query.groupId}`);
  if (query.state === "scheduled") where.push(sqlPart`c.starts_at > ${now}`);
  if (query.state === "open") where.push(sqlPart`c.starts_at <= ${now} AND c.ends_at > ${now}`);
  if (query.state === "closed") where.push(sqlPart`c.ends_at <= ${now}`);
  if (cursor) where.push(sqlPart`(c.starts_at < ${cursor.s} OR (c.starts_at = ${cursor.s} AND c.id < ${cursor.i}))`);
  const { results } = await statement(ctx.env.DB, sqlPart`${campaignSelect(actor)} WHERE ${join(where, " AND ")} ORDER BY c.starts_at DESC, c.id DESC LIMIT ${query.limit + 1}`).all<CampaignListRow>();
  const page = results.slice(0, query.limit);
  const last = page.at(-1);
  return { items: page.map((r) => presentCampaign(actor, r, now)), next: results.length > query.limit && last ? { s: last.starts_at, i: last.id } : null };
}

/** For the cron: campaigns whose start or end passed and whose event was not sent yet; marks them sent (once). */
async function dueCampaignEvents(ctx: ServiceContext, now: number) {
  const opened = await ctx.db
    .update(campaigns)
    .set({ openedSentAt: now })
    .where(and(sql`${campaigns.openedSentAt} IS NULL`, sql`${campaigns.startsAt} <= ${now}`, sql`${campaigns.endsAt} > ${now}`))
    .returning({ id: campaigns.id, groupId: campaigns.groupId })
    .all();
  const closed = await ctx.db
    .update(campaigns)
    .set({ closedSentAt: now, openedSentAt: sql`coalesce(${campaigns.openedSentAt}, ${now})` })
    .where(and(sql`${campaigns.closedSentAt} IS NULL`, sql`${campaigns.endsAt} <= ${now}`))
    .returning({ id: campaigns.id, groupId: campaigns.groupId })
    .all();
  return { opened, closed };
}

/**
 * The cron's part: each campaign that opened or closed since the last run sends its webhook event once (the UPDATE
 * that marks it is also what picks it, so two overlapping runs cannot both send it). Answers how many were sent.
 */
export async function sendCampaignEvents(ctx: ServiceContext, now: number): Promise<number> {
  const { opened, closed } = await dueCampaignEvents(ctx, now);
  for (const c of opened) await emitWebhookEvent(ctx, "campaign.opened", { campaignId: c.id, groupId: c.groupId }, `evt_campaign_opened_${c.id}`);
  for (const c of closed) await emitWebhookEvent(ctx, "campaign.closed", { campaignId: c.id, groupId: c.groupId }, `evt_campaign_closed_${c.id}`);
  return opened.length + closed.length;
}
