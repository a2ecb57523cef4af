import { and, eq, inArray, isNull } from "drizzle-orm";
import { afterAnswer, counted, type Actor, type ServiceContext } from "../../context";
import type { Idea, IdeaBody, IdeaStatus } from "../../../contract/ideas";
import { files, posts, postTags, threadFollows } from "../../db/conversation";
import { groups } from "../../db/groups";
import { ideaHistory, ideas, NETWORK_IDEAS_GROUP_ID } from "../../db/ideas";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../../errors";
import { newId } from "../../lib/ids";
import { extractMentions, extractTags, foldTag } from "../../lib/marks";
import { renderMarkdown } from "../../lib/markdown";
import { join, raw, sqlPart, statement, statementOf, type SqlPart } from "../../lib/sql";
import { canManageIdeas, canPostIn, canReadGroupContent, canSeeIdeaPlace, canTakePartInIdeas, ideaStillEditable, sqlReadableItem, type IdeaPlace, type Membership } from "../access";
import { refuseUnless } from "../gate";
import { loadGroup } from "../groups/groups";
import { publishToGroup } from "../live";
import { mentionRecipients, notificationBatchOf } from "../notifications/notify";
import { postViewJoins, postViewSelect, presentPost, type PostViewRow } from "../posts/hydrate";
import { mentionedMembers } from "../posts/mentions";
import { settled } from "../../lib/settled";
import { presentMember } from "../users/present";
import { emitWebhookEvent } from "../webhooks/events";
import { campaignState, loadCampaign } from "./campaigns";

export type IdeaRow = typeof ideas.$inferSelect;

/** Where an idea is posted: a campaign, or a group's permanent box. */
export type IdeaTarget = { campaignId: string } | { groupId: string };

/** The caller's own uploads not yet attached to anything, or a validation error naming the others. */
async function ownFreeFiles(ctx: ServiceContext, actor: Actor, ids: string[]) {
  if (ids.length === 0) return [];
  const found = await ctx.db
    .select({ id: files.id })
    .from(files)
    .where(and(inArray(files.id, ids), eq(files.ownerId, actor.id), isNull(files.postId), isNull(files.commentId)))
    .all();
  const ok = new Set(found.map((f) => f.id));
  const bad = ids.filter((id) => !ok.has(id));
  if (bad.length) throw new ValidationError(bad.map((id) => ({ path: "attachmentIds", message: `Unknown or already used upload ${id}` })));
  return [...ok];
}

/** A group's box for the caller: 404 when they may not see the group, its facts otherwise. */
async function loadBox(ctx: ServiceContext, actor: Actor, groupId: string) {
  const { group, m } = await loadGroup(ctx, actor, groupId);
  const place: IdeaPlace = { network: false, group, m };
  return { group, m, place, hasBox: group.ideaBox === true };
}

/** The gate of POST /groups/:id/ideas: 403 to whoever sees the group but is not a member of it. */
export function checkBoxRight(ctx: ServiceContext, actor: Actor, groupId: string, right: "post" | "read"): Promise<void> {
  return refuseUnless(
    loadGroup(ctx, actor, groupId),
    ({ group, m }) => (right === "post" ? canPostIn(actor, group, m) : canReadGroupContent(actor, group, m)),
    right === "post" ? "Join the group to post ideas in it" : "Join the group to read its ideas",
  );
}

/**
 * Posts an idea: a post of kind `idea` (title, markdown body, tags, attachments, mentions) and its idea row and first
 * history entry, in one batch. Into a campaign while it is open (409 otherwise), or into a group's box (409 when the
 * group has none). A network-wide campaign's idea is a post of the network's ideas group (db/ideas.ts).
 */
export async function createIdea(ctx: ServiceContext, actor: Actor, target: IdeaTarget, input: IdeaBody): Promise<Idea> {
  const now = Date.now();
  const id = newId("pst", now);
  // Every read the idea needs travels in one D1 round trip with the session check and the gate (issue 13): the campaign
  // or the box, my uploads, the members the text mentions and who of them hears of it (in the group the idea's post
  // goes to: a campaign's, found in the same statement). The answers other than the place's wait behind its rules, so
  // that a refusal (403, 409) or a bad field comes first, as when read one by one. Then the writes and the new idea's
  // view travel in one batch.
  const handles = extractMentions(input.body);
  const postsGroupOf: string | SqlPart =
    "campaignId" in target ? sqlPart`(SELECT coalesce(c.group_id, ${NETWORK_IDEAS_GROUP_ID}) FROM campaigns c WHERE c.id = ${target.campaignId})` : target.groupId;
  const [placeRead, uploads, mentionsRead, toldRead] = await Promise.all([
    "campaignId" in target ? loadCampaign(ctx, actor, target.campaignId) : loadBox(ctx, actor, target.groupId),
    settled(ownFreeFiles(ctx, actor, input.attachmentIds ?? [])),
    settled(mentionedMembers(ctx, actor, input.body)),
    settled(mentionRecipients(ctx, actor, postsGroupOf, handles)),
  ]);
  let postsGroupId: string;
  let campaignId: string | null = null;
  let boxGroupId: string | null = null;
  if ("campaign" in placeRead) {
    const { campaign, place } = placeRead;
    if (!canTakePartInIdeas(actor, place)) throw new ForbiddenError("Only the campaign's members post ideas in it");
    const state = campaignState(campaign);
    if (state !== "open") throw new ConflictError(state === "scheduled" ? "The campaign has not opened yet" : "The campaign is closed");
    postsGroupId = campaign.groupId ?? NETWORK_IDEAS_GROUP_ID;
    campaignId = campaign.id;
  } else {
    const { place, hasBox } = placeRead;
    if (!canTakePartInIdeas(actor, place)) throw new ForbiddenError("Join the group to post ideas in it");
    if (!hasBox) throw new ConflictError("This group has no idea box");
    postsGroupId = (target as { groupId: string }).groupId;
    boxGroupId = postsGroupId;
  }
  const attachments = uploads();
  const tags = [...new Set([...extractTags(input.body), ...(input.tags ?? []).map(foldTag)])].slice(0, 20);
  const mentions = mentionsRead();
  const notes = notificationBatchOf(ctx, toldRead(), { kind: "mention", actorId: actor.id, groupId: postsGroupId, postId: id }, now);
  const db = ctx.env.DB;
  const answers = await db.batch<any>(
    [
      ctx.db.insert(posts).values({
        id,
        groupId: postsGroupId,
        authorId: actor.id,
        kind: "idea",
        title: input.title,
        url: null,
        body: input.body,
        html: renderMarkdown(input.body, { mentions }),
        tags: JSON.stringify(tags),
        createdAt: now,
        updatedAt: now,
      }),
      ctx.db.insert(ideas).values({ postId: id, campaignId, boxGroupId, groupId: postsGroupId, authorId: actor.id, status: "submitted", createdAt: now }),
      ctx.db.insert(ideaHistory).values({ ideaId: id, status: "submitted", reason: "", byId: actor.id, at: now }),
      ...tags.map((tag) => ctx.db.insert(postTags).values({ tag, postId: id, groupId: postsGroupId, createdAt: now })),
      ctx.db.insert(threadFollows).values({ postId: id, userId: actor.id, createdAt: now }),
      ...(attachments.length ? [ctx.db.update(files).set({ postId: id, groupId: postsGroupId }).where(inArray(files.id, attachments))] : []),
      ctx.db.update(groups).set({ lastPostAt: now }).where(eq(groups.id, postsGroupId)),
      ...notes.statements,
    ]
      .map((q) => statementOf(db, q))
      .concat(ideaViewStatements(ctx, actor, [id])),
  );
  await afterAnswer(ctx, async () => {
    await notes.pushLive();
    await publishToGroup(ctx, postsGroupId, "post.created", { postId: id, groupId: postsGroupId, authorId: actor.id, kind: "idea" });
    await ctx.env.JOBS.send({ kind: "post-fanout", postId: id });
    await emitWebhookEvent(ctx, "idea.created", { ideaId: id, campaignId, groupId: campaignId ? null : boxGroupId, authorId: actor.id });
  });
  return presentIdeas(actor, [id], answers.slice(-3))[0];
}

export type IdeaFactsRow = {
  post_id: string; campaign_id: string | null; box_group_id: string | null; group_id: string; author_id: string; status: IdeaStatus; support_count: number;
  merged_into: string | null; c_group: string | null; c_starts: number | null; c_ends: number | null; c_limit: number | null;
  mine: number; my_count: number; m_role: string | null; m_state: string | null; g_visibility: string;
};

/** The place (network-wide campaign, or group) of an idea row, for the caller. */
export function placeOf(r: IdeaFactsRow): IdeaPlace {
  if (r.campaign_id !== null && r.c_group === null) return { network: true };
  const m: Membership = r.m_role && r.m_state ? { role: r.m_role as "member", state: r.m_state as "member" } : null;
  return { network: false, group: { visibility: r.g_visibility as "open" }, m };
}

/** Whether the caller may support the idea now (the same facts as PUT /ideas/:id/support). */
export function supportRefusal(actor: Actor, r: IdeaFactsRow, now = Date.now()): string | null {
  if (r.author_id === actor.id) return "One does not support one's own idea";
  if (r.merged_into !== null) return "This idea was merged into another";
  if (r.campaign_id !== null && campaignState({ startsAt: r.c_starts!, endsAt: r.c_ends! }, now) !== "open") return "The campaign is not open";
  if (r.c_limit !== null && !r.mine && r.my_count >= r.c_limit) return "You gave all the supports this campaign allows";
  return null;
}

function ideaFactsStatement(ctx: ServiceContext, actor: Actor, ids: string[]): D1PreparedStatement {
  return statement(
    ctx.env.DB,
    sqlPart`SELECT i.*, c.group_id AS c_group, c.starts_at AS c_starts, c.ends_at AS c_ends, c.support_limit AS c_limit, g.visibility AS g_visibility,
        EXISTS (SELECT 1 FROM idea_supports s WHERE s.idea_id = i.post_id AND s.user_id = ${actor.id}) AS mine,
        CASE WHEN i.campaign_id IS NOT NULL THEN (SELECT count(*) FROM idea_supports s WHERE s.user_id = ${actor.id} AND s.campaign_id = i.campaign_id) ELSE 0 END AS my_count,
        m.role AS m_role, m.state AS m_state
      FROM ideas i JOIN groups g ON g.id = i.group_id LEFT JOIN campaigns c ON c.id = i.campaign_id
      LEFT JOIN group_members m ON m.group_id = i.group_id AND m.user_id = ${actor.id}
      WHERE i.post_id IN (${join(ids.map((id) => sqlPart`${id}`), ",")})`,
  );
}

async function ideaFacts(ctx: ServiceContext, actor: Actor, ids: string[]): Promise<Map<string, IdeaFactsRow>> {
  if (!ids.length) return new Map();
  const { results } = await ideaFactsStatement(ctx, actor, ids).all<IdeaFactsRow>();
  return new Map(results.map((r) => [r.post_id, r]));
}

type HistoryRow = { idea_id: string; status: IdeaStatus; reason: string; at: number; u_id: string | null; handle: string; name: string; location: string; timezone: string; avatar_key: string | null };

/**
 * The statements of idea views of ids the caller may read (already filtered): the post views, the ideas' facts and
 * their history, for {@link presentIdeas}; a write's batch reads them back after its writes (issue 13).
 */
export function ideaViewStatements(ctx: ServiceContext, actor: Actor, ids: string[]): [D1PreparedStatement, D1PreparedStatement, D1PreparedStatement] {
  const list = join(ids.map((id) => sqlPart`${id}`), ",");
  return [
    statement(ctx.env.DB, sqlPart`SELECT ${postViewSelect(actor)} FROM posts p ${postViewJoins(actor)} WHERE p.id IN (${list})`),
    ideaFactsStatement(ctx, actor, ids),
    statement(
      ctx.env.DB,
      sqlPart`SELECT h.idea_id, h.status, h.reason, h.at, u.id AS u_id, u.handle, u.name, u.location, u.timezone, u.avatar_key
        FROM idea_history h LEFT JOIN users u ON u.id = h.by_id WHERE h.idea_id IN (${list}) ORDER BY h.at, h.id`,
    ),
  ];
}

/** Idea views of ids the caller may read (already filtered): the post view plus the idea's fields, order kept. */
export async function hydrateIdeas(ctx: ServiceContext, actor: Actor, ids: string[]): Promise<Idea[]> {
  if (!ids.length) return [];
  const answers = await Promise.all(ideaViewStatements(ctx, actor, ids).map((s) => s.all<any>()));
  counted(ctx, [answers[0]]);
  return presentIdeas(actor, ids, answers);
}

/** The idea views of the answers of {@link ideaViewStatements} (in their order), in the order of `ids`. */
export function presentIdeas(actor: Actor, ids: string[], [views, factRows, history]: { results: any[] }[]): Idea[] {
  const viewById = new Map((views.results as PostViewRow[]).map((r) => [r.id, r]));
  const facts = new Map((factRows.results as IdeaFactsRow[]).map((r) => [r.post_id, r]));
  const now = Date.now();
  return ids.flatMap((id) => {
    const v = viewById.get(id);
    const r = facts.get(id);
    if (!v || !r) return [];
    const post = presentPost(actor, v);
    const place = placeOf(r);
    const editable = ideaStillEditable(r.status);
    return [
      {
        ...post,
        campaignId: r.campaign_id,
        boxGroupId: r.box_group_id,
        status: r.status,
        supportCount: r.support_count,
        supportedByMe: Boolean(r.mine),
        history: (history.results as HistoryRow[])
          .filter((h) => h.idea_id === post.id)
          .map((h) => ({
            status: h.status,
            reason: h.reason,
            by: h.u_id ? presentMember({ id: h.u_id, handle: h.handle, name: h.name, location: h.location, timezone: h.timezone, avatarKey: h.avatar_key }) : null,
            at: h.at,
          })),
        mergedInto: r.merged_into,
        can: {
          edit: post.can.edit && editable,
          delete: post.can.delete && (editable || post.author.id !== actor.id || post.can.moderate),
          moderate: post.can.moderate,
          support: canTakePartInIdeas(actor, place) && supportRefusal(actor, r, now) === null,
          manage: canManageIdeas(actor, place),
        },
      },
    ];
  });
}

/** An idea the caller may read (its post readable, its campaign or box visible), with its facts; 404 otherwise. */
export async function loadIdea(ctx: ServiceContext, actor: Actor, ideaId: string) {
  // The idea's facts and whether its post is readable, read together (one D1 round trip): every refusal is the same 404.
  const [all, post] = await Promise.all([
    ideaFacts(ctx, actor, [ideaId]),
    statement(ctx.env.DB, sqlPart`SELECT p.id FROM posts p WHERE p.id = ${ideaId} AND ${sqlReadableItem(actor, "p", "p.group_id")}`).first<{ id: string }>(),
  ]);
  const facts = all.get(ideaId);
  if (!facts) throw new NotFoundError("No such idea");
  const place = placeOf(facts);
  if (!canSeeIdeaPlace(actor, place)) throw new NotFoundError("No such idea");
  if (!post) throw new NotFoundError("No such idea");
  return { facts, place };
}

/** The gate of an idea's routes: 403 to whoever reads it but may not manage it (or take part in its campaign or box). */
export function checkIdeaRight(ctx: ServiceContext, actor: Actor, ideaId: string, right: "manage" | "takePart"): Promise<void> {
  return refuseUnless(
    loadIdea(ctx, actor, ideaId),
    ({ place }) => (right === "manage" ? canManageIdeas(actor, place) : canTakePartInIdeas(actor, place)),
    right === "manage" ? "Only the campaign's or box's animators move its ideas" : "Only the campaign's or box's members support its ideas",
  );
}

export async function getIdea(ctx: ServiceContext, actor: Actor, ideaId: string): Promise<Idea> {
  await loadIdea(ctx, actor, ideaId);
  const [view] = await hydrateIdeas(ctx, actor, [ideaId]);
  return view;
}

export type IdeasListQuery = { sort: "supports" | "new" | "discussed"; status?: IdeaStatus; limit: number };
export type IdeasCursor = { k: number; t: number; i: string };

/**
 * A campaign's or box's ideas, ranked by supports (or newest, or most discussed), keyset-paginated over the ranking
 * index: the page reads its rows and no more. Merged duplicates are left out (they point to the kept idea).
 */
export async function listIdeas(ctx: ServiceContext, actor: Actor, target: IdeaTarget, query: IdeasListQuery, cursor?: IdeasCursor) {
  const where: SqlPart[] = [];
  let index: string;
  if ("campaignId" in target) {
    await loadCampaign(ctx, actor, target.campaignId);
    where.push(sqlPart`i.campaign_id = ${target.campaignId}`);
    index = query.sort === "supports" ? "ideas_campaign_rank" : "ideas_campaign_new";
  } else {
    const { place } = await loadBox(ctx, actor, target.groupId);
    if (!canSeeIdeaPlace(actor, place)) throw new ForbiddenError("Join the group to read its ideas");
    where.push(sqlPart`i.box_group_id = ${target.groupId}`);
    index = query.sort === "supports" ? "ideas_box_rank" : "ideas_box_new";
  }
  where.push(raw("i.merged_into IS NULL"), sqlReadableItem(actor, "p", "p.group_id"));
  if (query.status) where.push(sqlPart`i.status = ${query.status}`);
  const key = query.sort === "supports" ? raw("i.support_count") : query.sort === "discussed" ? raw("p.comment_count") : raw("i.created_at");
  if (cursor) where.push(sqlPart`(${key} < ${cursor.k} OR (${key} = ${cursor.k} AND (i.created_at < ${cursor.t} OR (i.created_at = ${cursor.t} AND i.post_id < ${cursor.i}))))`);
  const { results } = await statement(
    ctx.env.DB,
    sqlPart`SELECT i.post_id AS id, ${key} AS k, i.created_at AS t FROM ideas i INDEXED BY ${raw(index)} JOIN posts p ON p.id = i.post_id
      WHERE ${join(where, " AND ")} ORDER BY ${key} DESC, i.created_at DESC, i.post_id DESC LIMIT ${query.limit + 1}`,
  ).all<{ id: string; k: number; t: number }>();
  const page = results.slice(0, query.limit);
  const last = page.at(-1);
  return { items: await hydrateIdeas(ctx, actor, page.map((r) => r.id)), next: results.length > query.limit && last ? { k: last.k, t: last.t, i: last.id } : null };
}

/**
 * A post's idea status (null for a post that is no idea), read alongside the post itself (one D1 round trip) for
 * {@link refuseAuthorChangeOfStudiedIdea}: the post's kind is not known before both answer.
 */
export async function ideaStatusOf(ctx: ServiceContext, postId: string): Promise<IdeaStatus | null> {
  const row = await ctx.db.select({ status: ideas.status }).from(ideas).where(eq(ideas.postId, postId)).get();
  return row?.status ?? null;
}

/** PATCH/DELETE /posts/:id of an idea by its author: only while it is `submitted` (409 after; API.md "Ideas"). */
export function refuseAuthorChangeOfStudiedIdea(actor: Actor, post: { kind: string; authorId: string }, status: IdeaStatus | null) {
  if (post.kind !== "idea" || post.authorId !== actor.id) return;
  if (status !== null && !ideaStillEditable(status)) throw new ConflictError("The idea is being studied: it can no longer be changed or withdrawn");
}
