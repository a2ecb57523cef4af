import { and, eq, fillPlaceholders, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { afterAnswer, counted, readOnce, type Actor, type ServiceContext } from "../../context";
import type { GroupPostsQuery as GroupPostsParams, Post, PostBody, PostPatch } from "../../../contract/posts";
import { files, linkRatings, postReads, posts, postTags, threadFollows } from "../../db/conversation";
import { groupMembers, groups, type GroupRole, type GroupVisibility } from "../../db/groups";
import { ForbiddenError, NotFoundError, ValidationError } from "../../errors";
import { newId } from "../../lib/ids";
import { renderMarkdown } from "../../lib/markdown";
import { canWritePostOf, canDeleteItem, canEditItem, canModerateItem, canPostIn, canReadGroupContent, canReadItem, canTakePartIn, sqlReadableItem, type Membership } from "../access";
import { canAnnounceToNetwork, canNameFirstLookGroup, canReadPost, canTakePartInPost, sqlFirstLookAudience } from "../access";
import { postAudiences } from "../../db/first-look";
import { preparedOnce } from "../../db/prepared";
import { FIRST_LOOK_MAX_DAYS, type FirstLookBody } from "../../../contract/posts";
import { auditInsert } from "../audit/audit";
import { refuseUnless } from "../gate";
import { loadGroup } from "../groups/groups";
import { publishToGroup } from "../live";
import { mentionRecipients, notificationBatchOf, threadRecipientsOf, threadRecipientsQuery, threadStanding, type ThreadRecipient, type ThreadRecipientRow } from "../notifications/notify";
import { hydratePosts, postViewJoins, postViewSelect, presentPost, type PostViewRow } from "./hydrate";
import { ideaStatusOf, refuseAuthorChangeOfStudiedIdea } from "../ideas/ideas";
import { mentionedMembers } from "./mentions";
import { extractMentions, extractTags, foldTag } from "../../lib/marks";
import { join, raw, sqlPart, statement, statementOf, type SqlPart } from "../../lib/sql";
import { questionCreated, questionInsert } from "../questions/asking";

export type CreatePostInput = PostBody;

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

/**
 * Writes a post in a group (its members only; announcements by animators and admins): markdown rendered now, tags and
 * mentions extracted, attachments bound, mentioned readers notified, in one batch. New-post notifications to members
 * who follow the group's every post go through the queue (a group can be large).
 */
export async function createPost(ctx: ServiceContext, actor: Actor, groupId: string, input: CreatePostInput, options: { officeHourId?: string } = {}): Promise<Post> {
  const kind = input.kind ?? "discussion";
  const now = Date.now();
  const id = newId("pst", now);
  // Every read the post needs travels in one D1 round trip (issue 13): the group and my membership, my uploads, the
  // members the text mentions (and who of them hears of it), a question's deadline. The answers other than the
  // group's wait behind the rules, so that a refusal (403) or a bad field comes first, as when read one by one.
  const [{ group, m }, uploads, mentionsRead, toldRead, questionRead] = await Promise.all([
    loadGroup(ctx, actor, groupId),
    settled(ownFreeFiles(ctx, actor, input.attachmentIds ?? [])),
    settled(mentionedMembers(ctx, actor, input.body)),
    settled(mentionRecipients(ctx, actor, groupId, extractMentions(input.body))),
    settled(kind === "question" ? questionInsert(ctx, { postId: id, groupId, authorId: actor.id, now, officeHourId: options.officeHourId }) : Promise.resolve(null)),
  ]);
  if (!canPostIn(actor, group, m)) throw new ForbiddenError("Join the group to post in it");
  if (!canWritePostOf(actor, m, { kind, mustRead: input.mustRead })) throw new ForbiddenError("Only animators and administrators make announcements and must-read posts");
  if (input.mustRead === true && kind !== "announcement") throw new ValidationError([{ path: "mustRead", message: "Only an announcement is a must-read" }]);
  if (kind === "link" && (!input.url || !input.title)) {
    throw new ValidationError([...(!input.url ? [{ path: "url", message: "A link post needs its URL" }] : []), ...(!input.title ? [{ path: "title", message: "A link post needs a title" }] : [])]);
  }
  if (kind === "question" && !input.title) throw new ValidationError([{ path: "title", message: "A question needs a title" }]);
  const firstLook = input.firstLook ? await firstLookOf(ctx, actor, { groupId, kind, m }, input.firstLook, now) : null;
  const attachments = uploads();
  const tags = [...new Set([...extractTags(input.body), ...(input.tags ?? []).map(foldTag)])].slice(0, 20);
  const mentions = mentionsRead();
  const notes = notificationBatchOf(ctx, toldRead(), { kind: "mention", actorId: actor.id, groupId, postId: id }, now);
  // A question: its row (deadline from the group's promise) in the same batch (questions/asking.ts).
  // `officeHourId`: asked in an expert's office hour (questions/office-hour-room.ts).
  const question = questionRead();
  const db = ctx.env.DB;
  // The writes, and the new post's view read after them, in one batch.
  const answers = await db.batch<PostViewRow>(
    [
      ctx.db.insert(posts).values({
        id,
        groupId,
        authorId: actor.id,
        kind,
        title: input.title ?? "",
        url: input.url ?? null,
        body: input.body,
        html: renderMarkdown(input.body, { mentions }),
        tags: JSON.stringify(tags),
        mustRead: kind === "announcement" ? (input.mustRead ?? true) : false,
        createdAt: now,
        updatedAt: now,
        firstLookAt: firstLook?.at ?? null,
      }),
      ...(firstLook ? firstLook.audiences.map((audience) => ctx.db.insert(postAudiences).values({ postId: id, audience, at: firstLook.at })) : []),
      ...tags.map((tag) => ctx.db.insert(postTags).values({ tag, postId: id, groupId, createdAt: now })),
      ctx.db.insert(threadFollows).values({ postId: id, userId: actor.id, createdAt: now }),
      ...(attachments.length ? [ctx.db.update(files).set({ postId: id, groupId }).where(inArray(files.id, attachments))] : []),
      ctx.db.update(groups).set({ lastPostAt: now }).where(eq(groups.id, groupId)),
      ctx.db.update(groupMembers).set({ lastReadAt: now }).where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, actor.id))),
      ...notes.statements,
      ...(question ? [question.statement] : []),
    ]
      .map((q) => statementOf(db, q))
      .concat(statement(db, sqlPart`SELECT ${postViewSelect(actor)} FROM posts p ${postViewJoins(actor)} WHERE p.id = ${id}`)),
  );
  await afterAnswer(ctx, async () => {
    await notes.pushLive();
    await publishToGroup(ctx, groupId, "post.created", { postId: id, groupId, authorId: actor.id, kind });
    await ctx.env.JOBS.send({ kind: "post-fanout", postId: id });
    if (question) await questionCreated(ctx, { postId: id, groupId, authorId: actor.id, deadlineAt: question.deadlineAt });
  });
  return presentPost(actor, answers.at(-1)!.results[0]);
}

import { settled } from "../../lib/settled";

export { settled };

/**
 * An announcement's first look as asked, checked (API.md "First look"): announcements only, a time in the future within
 * 90 days; "network" for those who may announce to it; named groups the caller can see (any other id, like an unknown
 * one, answers 400 without telling which exists), other than the home group. Answers the time and the audience rows.
 */
async function firstLookOf(ctx: ServiceContext, actor: Actor, home: { groupId: string; kind: string; m: Membership }, input: FirstLookBody, now: number): Promise<{ at: number; audiences: string[] }> {
  if (home.kind !== "announcement") throw new ValidationError([{ path: "firstLook", message: "Only an announcement has a first look" }]);
  const at = Date.parse(input.at);
  if (!(at > now)) throw new ValidationError([{ path: "firstLook.at", message: "The first look's time must be in the future" }]);
  if (at > now + FIRST_LOOK_MAX_DAYS * 24 * 3600 * 1000) throw new ValidationError([{ path: "firstLook.at", message: `The first look's time must be within ${FIRST_LOOK_MAX_DAYS} days` }]);
  if (input.audience === "network") {
    if (!canAnnounceToNetwork(actor, home.m)) throw new ForbiddenError("Only administrators and the group's owners give an announcement to the whole network");
    return { at, audiences: ["network"] };
  }
  const ids = [...new Set(input.audience.groupIds)];
  if (ids.includes(home.groupId)) throw new ValidationError([{ path: "firstLook.audience.groupIds", message: "The home group reads the announcement from the start" }]);
  const found = await ctx.db
    .select({ id: groups.id, visibility: groups.visibility, role: groupMembers.role, state: groupMembers.state })
    .from(groups)
    .leftJoin(groupMembers, and(eq(groupMembers.groupId, groups.id), eq(groupMembers.userId, actor.id)))
    .where(inArray(groups.id, ids))
    .all();
  const seen = new Set(found.filter((g) => canNameFirstLookGroup(actor, g, g.role && g.state ? { role: g.role, state: g.state } : null)).map((g) => g.id));
  const bad = ids.filter((id) => !seen.has(id));
  if (bad.length) throw new ValidationError(bad.map((id) => ({ path: "firstLook.audience.groupIds", message: `Unknown group ${id}` })));
  return { at, audiences: ids };
}

/** A condition of the access module as a drizzle fragment. */
function drizzleOf(part: SqlPart): SQL {
  const texts = part.sql.split("?");
  const chunks: SQL[] = [sql.raw(texts[0])];
  part.binds.forEach((value, i) => chunks.push(sql`${value}`, sql.raw(texts[i + 1])));
  return sql.join(chunks);
}

/**
 * A post with its group and the caller's membership, or 404 when the caller may not read it ({@link canReadPost}).
 * `throughFirstLook`: the caller reads it only as its wider audience (not as a reader of its group).
 */
export function loadPost(ctx: ServiceContext, actor: Actor, postId: string) {
  // A write's gate and its handler both ask (worker/routes/define.ts `gateAlongside`): one read serves them.
  return readOnce(ctx, `post:${actor.id}:${postId}`, async () => {
    const row = await POST_ACCESS[actor.role === "guest" ? "guest" : "member"](ctx.d1).get({ actor: actor.id, post: postId });
    const loaded = row ? postAccess(actor, row, Date.now()) : null;
    if (!loaded) throw new NotFoundError("No such post");
    return loaded;
  });
}

/** What drizzle's D1 prepared query holds (internal to drizzle; the version is pinned, and worker/db/prepared.ts relies on it too). */
type BatchedQuery = { stmt: D1PreparedStatement; query: { params: unknown[] }; mapGetResult(result: D1Result, isFromBatch: true): unknown };

/** What {@link loadPost} answers. */
export type LoadedPost = NonNullable<ReturnType<typeof postAccess>>;

/**
 * A comment's reads of its post (issue 13): {@link loadPost}'s access read and who of the thread hears of a comment
 * (its author and followers, notifications/notify.ts `threadRecipientsQuery`, part "thread") in one D1 call, a batch
 * of the two reads. The route's gate and the handler both ask (posts/comments.ts): one read serves them. `loaded` is
 * null when the caller may not read the post (the recipients are then never used).
 */
export function loadPostAndThread(ctx: ServiceContext, actor: Actor, postId: string): Promise<{ loaded: LoadedPost | null; thread: ThreadRecipient[] }> {
  return readOnce(ctx, `post+thread:${actor.id}:${postId}`, async () => {
    const now = Date.now();
    // drizzle's prepared query (worker/db/prepared.ts): its statement and SQL's values, and the mapping of a batch's answer.
    const access = POST_ACCESS[actor.role === "guest" ? "guest" : "member"](ctx.d1) as unknown as BatchedQuery;
    const db = ctx.env.DB;
    const [accessRead, threadRead] = await db.batch<any>([
      access.stmt.bind(...fillPlaceholders(access.query.params, { actor: actor.id, post: postId })),
      statement(db, threadRecipientsQuery(actor, postId, [], now, "thread")),
    ]);
    const row = accessRead.results.length ? (access.mapGetResult(accessRead, true) as PostAccessRow) : undefined;
    return { loaded: row ? postAccess(actor, row, now) : null, thread: threadRecipientsOf(threadRead.results as ThreadRecipientRow[]) };
  });
}

/**
 * {@link loadPost}'s statement, built once per isolate (worker/db/prepared.ts) for each shape of it: the caller and the
 * post are placeholders, and only whether the caller is a guest changes its SQL ({@link sqlFirstLookAudience}).
 */
const postAccessQuery = (role: Actor["role"]) =>
  preparedOnce((db) => {
    const caller = { role, id: sql.placeholder("actor") as unknown as string } as Actor;
    return db.select(postAccessColumns(caller)).from(posts).innerJoin(groups, eq(groups.id, posts.groupId)).leftJoin(groupMembers, postMembership(caller)).where(eq(posts.id, sql.placeholder("post")));
  });
const POST_ACCESS = { guest: postAccessQuery("guest"), member: postAccessQuery("member") };

/**
 * What {@link loadPost} reads of a post for the access rules, as drizzle columns over `posts`, `groups` (its group) and
 * `group_members` (joined by {@link postMembership}): statements that read a post's neighbour (a comment) read it too.
 */
export function postAccessColumns(actor: Actor) {
  const audience = drizzleOf(sqlFirstLookAudience(actor, "posts.id"));
  return {
    post: posts,
    visibility: groups.visibility,
    role: groupMembers.role,
    state: groupMembers.state,
    // Only asked when the post has a first look (one more index probe for those alone).
    inAudience: sql<number | null>`CASE WHEN ${posts.firstLookAt} IS NOT NULL THEN ${audience} END`.mapWith(Number),
  };
}

/** The caller's membership of the post's group, the join condition of {@link postAccessColumns}. */
export function postMembership(actor: Actor) {
  return and(eq(groupMembers.groupId, posts.groupId), eq(groupMembers.userId, actor.id));
}

type PostAccessRow = { post: typeof posts.$inferSelect; visibility: GroupVisibility; role: GroupRole | null; state: "member" | "pending" | null; inAudience: number | null };

/** The post with its group and my membership when the caller may read it ({@link canReadPost}), else null. */
export function postAccess(actor: Actor, row: PostAccessRow, now: number) {
  const m: Membership = row.role && row.state ? { role: row.role, state: row.state } : null;
  const group = { id: row.post.groupId, visibility: row.visibility };
  const firstLook = { at: row.post.firstLookAt, inAudience: Boolean(row.inAudience) };
  if (!canReadPost(actor, group, m, row.post, firstLook, now)) return null;
  return { post: row.post, group, m, throughFirstLook: !canReadItem(actor, group, m, row.post) };
}

/** The gate of a post's routes: 403 to a reader of the post who may not edit it, or not take part in its group. */
export function checkPostRight(ctx: ServiceContext, actor: Actor, postId: string, right: "edit" | "takePart"): Promise<void> {
  return refuseUnless(
    loadPost(ctx, actor, postId),
    ({ post, group, m, throughFirstLook }) => (right === "edit" ? canEditItem(actor, post) : canTakePartInPost(actor, group, m, throughFirstLook)),
    right === "edit" ? "Only the author edits a post" : "Join the group to take part",
  );
}

/** One post; opening a must-read announcement counts as reading it. */
export async function getPost(ctx: ServiceContext, actor: Actor, postId: string): Promise<Post> {
  // The view and where the caller stands in the thread are read together with the access check (one D1 round trip),
  // and thrown away when the check refuses.
  const [{ post, m }, [view], thread] = await Promise.all([loadPost(ctx, actor, postId), hydratePosts(ctx, actor, [postId]), threadStanding(ctx, actor.id, postId)]);
  if (post.mustRead && m?.state === "member") {
    await ctx.db.insert(postReads).values({ postId, userId: actor.id, readAt: Date.now() }).onConflictDoNothing();
    // The receipt shows in the view: read again after it.
    return { ...(await hydratePosts(ctx, actor, [postId]))[0], thread };
  }
  return { ...view, thread };
}

export type UpdatePostInput = PostPatch;

/** The author edits; the post is marked edited, its tags follow the new text. */
export async function updatePost(ctx: ServiceContext, actor: Actor, postId: string, input: UpdatePostInput): Promise<Post> {
  // What the rules need (the post, an idea's status) and the members the new text mentions are read together; the
  // change and the new view then travel in one batch (two D1 round trips, the session check riding with the first).
  // An edit that leaves the text as it was keeps its rendering.
  const [{ post }, mentions, ideaStatus] = await Promise.all([
    loadPost(ctx, actor, postId),
    input.body === undefined ? null : mentionedMembers(ctx, actor, input.body),
    ideaStatusOf(ctx, postId),
  ]);
  if (!canEditItem(actor, post)) throw new ForbiddenError("Only the author edits a post");
  refuseAuthorChangeOfStudiedIdea(actor, post, ideaStatus);
  const now = Date.now();
  const body = input.body ?? post.body;
  const tags = [...new Set([...extractTags(body), ...(input.tags ?? []).map(foldTag)])].slice(0, 20);
  const db = ctx.env.DB;
  const answers = await db.batch<PostViewRow>([
    statementOf(
      db,
      ctx.db
        .update(posts)
        .set({ body, html: mentions ? renderMarkdown(body, { mentions }) : post.html, title: input.title ?? post.title, url: input.url ?? post.url, tags: JSON.stringify(tags), editedAt: now, updatedAt: now })
        .where(eq(posts.id, postId)),
    ),
    statementOf(db, ctx.db.delete(postTags).where(eq(postTags.postId, postId))),
    ...tags.map((tag) => statementOf(db, ctx.db.insert(postTags).values({ tag, postId, groupId: post.groupId, createdAt: post.createdAt }))),
    statement(db, sqlPart`SELECT ${postViewSelect(actor)} FROM posts p ${postViewJoins(actor)} WHERE p.id = ${postId}`),
  ]);
  return presentPost(actor, answers.at(-1)!.results[0]);
}

/** The author or a moderator deletes; a moderator's deletion of someone else's post is audited. */
export async function deletePost(ctx: ServiceContext, actor: Actor, postId: string): Promise<void> {
  // An idea's status is read with the post (one D1 round trip): its author may withdraw it only while it is submitted.
  const [{ post, m }, ideaStatus] = await Promise.all([loadPost(ctx, actor, postId), ideaStatusOf(ctx, postId)]);
  if (!canDeleteItem(actor, m, post)) throw new ForbiddenError("Only the author or an animator deletes a post");
  if (!canModerateItem(actor, m)) refuseAuthorChangeOfStudiedIdea(actor, post, ideaStatus);
  const now = Date.now();
  await ctx.db.batch([
    ctx.db.update(posts).set({ deletedAt: now, updatedAt: now }).where(eq(posts.id, postId)),
    ctx.db.delete(postTags).where(eq(postTags.postId, postId)),
    ...(post.authorId !== actor.id
      ? [auditInsert(ctx, actor, { action: "post.delete", target: { type: "post", id: postId }, groupId: post.groupId, before: { body: post.body } }, now)]
      : []),
  ]);
}

/** Pins or unpins a post in its group (animators and admins). */
export async function pinPost(ctx: ServiceContext, actor: Actor, postId: string, pinned: boolean): Promise<void> {
  const { post, m } = await loadPost(ctx, actor, postId);
  if (!canModerateItem(actor, m)) throw new ForbiddenError("Only animators pin posts");
  const now = Date.now();
  await ctx.db.batch([
    ctx.db.update(posts).set({ pinnedAt: pinned ? now : null }).where(eq(posts.id, postId)),
    auditInsert(ctx, actor, { action: pinned ? "post.pin" : "post.unpin", target: { type: "post", id: postId }, groupId: post.groupId, before: { pinned: post.pinnedAt !== null }, after: { pinned } }, now),
  ]);
}

/** "I have read it" for a must-read announcement. */
export async function markPostRead(ctx: ServiceContext, actor: Actor, postId: string): Promise<void> {
  await loadPost(ctx, actor, postId);
  await ctx.db.insert(postReads).values({ postId, userId: actor.id, readAt: Date.now() }).onConflictDoNothing();
}

/** A member's 1–5 rating of a link post (the collaborative watch); rating again replaces it. */
export async function rateLink(ctx: ServiceContext, actor: Actor, postId: string, rating: number): Promise<Post> {
  const { post, group, m } = await loadPost(ctx, actor, postId);
  if (post.kind !== "link") throw new ValidationError([{ path: "rating", message: "Only link posts are rated" }]);
  if (!canTakePartIn(actor, group, m)) throw new ForbiddenError("Join the group to rate its links");
  // The rating, the post's new sums and its new view travel in one batch (two D1 round trips in all, the session check
  // and the gate riding with the post's read).
  const now = Date.now();
  const db = ctx.env.DB;
  const answers = await db.batch<PostViewRow>([
    statementOf(db, ctx.db.insert(linkRatings).values({ postId, userId: actor.id, rating, createdAt: now }).onConflictDoUpdate({ target: [linkRatings.postId, linkRatings.userId], set: { rating } })),
    statementOf(
      db,
      ctx.db
        .update(posts)
        .set({
          ratingSum: sql`(select coalesce(sum(rating), 0) from link_ratings where post_id = ${postId})`,
          ratingCount: sql`(select count(*) from link_ratings where post_id = ${postId})`,
        })
        .where(eq(posts.id, postId)),
    ),
    statement(db, sqlPart`SELECT ${postViewSelect(actor)} FROM posts p ${postViewJoins(actor)} WHERE p.id = ${postId}`),
  ]);
  return presentPost(actor, answers.at(-1)!.results[0]);
}

/** The list's query as the contract parses it, `pinned` read as a flag. */
export type GroupPostsQuery = Omit<GroupPostsParams, "cursor" | "pinned"> & { pinned?: boolean };
export type GroupPostsCursor = { t: number; i: string } | { r: number; t: number; i: string };

/**
 * A group's posts, newest first (or best rated, for the collaborative watch), keyset-paginated. Readable groups only;
 * hidden posts appear to their author and moderators only (the rule applied in the SQL).
 */
export async function listGroupPosts(ctx: ServiceContext, actor: Actor, groupId: string, query: GroupPostsQuery, cursor?: GroupPostsCursor) {
  const where: SqlPart[] = [sqlPart`p.group_id = ${groupId}`, sqlReadableItem(actor, "p", "p.group_id")];
  if (query.kind) where.push(sqlPart`p.kind = ${query.kind}`);
  if (query.pinned) where.push(raw("p.pinned_at IS NOT NULL"));
  if (query.tag) where.push(sqlPart`EXISTS (SELECT 1 FROM post_tags t WHERE t.post_id = p.id AND t.tag = ${foldTag(query.tag)})`);
  let order: SqlPart;
  if (query.sort === "rating") {
    // Average rating, then time: the order is a pure function of the row, so the keyset is exact.
    const average = raw("(CAST(p.rating_sum AS REAL) / max(p.rating_count, 1))");
    order = sqlPart`${average} DESC, p.created_at DESC, p.id DESC`;
    if (cursor && "r" in cursor) {
      where.push(sqlPart`(${average} < ${cursor.r} OR (${average} = ${cursor.r} AND (p.created_at < ${cursor.t} OR (p.created_at = ${cursor.t} AND p.id < ${cursor.i}))))`);
    }
  } else {
    order = raw("p.created_at DESC, p.id DESC");
    if (cursor && !("r" in cursor)) where.push(sqlPart`(p.created_at < ${cursor.t} OR (p.created_at = ${cursor.t} AND p.id < ${cursor.i}))`);
  }
  // The page, whole views, is read together with the group and my membership (one D1 round trip, issue 13), and thrown
  // away when I may not read the group.
  const [{ group, m }, [{ results }]] = await Promise.all([
    loadGroup(ctx, actor, groupId),
    statement(
      ctx.env.DB,
      sqlPart`SELECT ${postViewSelect(actor)}, CAST(p.rating_sum AS REAL) / max(p.rating_count, 1) AS r FROM posts p INDEXED BY posts_group_time
       ${postViewJoins(actor)} WHERE ${join(where, " AND ")} ORDER BY ${order} LIMIT ${query.limit + 1}`,
    )
      .all<PostViewRow & { r: number }>()
      .then((answer) => counted(ctx, [answer])),
  ]);
  if (!canReadGroupContent(actor, group, m)) throw new ForbiddenError("Join the group to read it");
  const page = results.slice(0, query.limit);
  const last = page.at(-1);
  const next: GroupPostsCursor | null =
    results.length > query.limit && last ? (query.sort === "rating" ? { r: last.r, t: last.created_at, i: last.id } : { t: last.created_at, i: last.id }) : null;
  return { items: page.map((r) => presentPost(actor, r)), next };
}
