import { eq, sql } from "drizzle-orm";
import type { AnswerFacts, Comment, CommentBody } from "../../../contract/posts";
import { afterAnswer, type Actor, type ServiceContext } from "../../context";
import { comments, posts, threadFollows } from "../../db/conversation";
import { auditInsert } from "../audit/audit";
import { ForbiddenError, NotFoundError, ValidationError } from "../../errors";
import { newId } from "../../lib/ids";
import { renderMarkdown } from "../../lib/markdown";
import { canVoteAnswer, canDeleteItem, canEditItem, canModerateItem, commentCan, sqlReadableItem, type Membership } from "../access";
import { canReadComment, canTakePartInPost } from "../access";
import { publishToGroup } from "../live";
import { emitWebhookEvent, webhookProbe } from "../webhooks/events";
import { notificationBatchOf, threadRecipientsOf, threadRecipientsQuery, type ThreadRecipientRow } from "../notifications/notify";
import { extractMentions } from "../../lib/marks";
import { avatarUrl } from "../users/present";
import { refuseUnless } from "../gate";
import { loadPost, loadPostAndThread, postAccess, postAccessColumns, postMembership, settled } from "./posts";
import { groupMembers, groups } from "../../db/groups";
import { mentionedMembers, mentionedMembersQuery, mentionMap } from "./mentions";
import { empty, join, raw, sqlPart, statement, statementOf, type SqlPart } from "../../lib/sql";
import { answeredAfter, firstAnswerUpdate, type AnsweredRow } from "../questions/asking";

/**
 * Comments a post (readers who may take part). Replies are one level deep: a reply to a reply attaches to its
 * top-level comment. The post's author hears of it ("reply"), the thread's followers too ("comment"), the mentioned
 * ("mention") — each only if they may read the post, and each once, by that order of precedence.
 */
export async function createComment(ctx: ServiceContext, actor: Actor, postId: string, input: CommentBody): Promise<Comment> {
  const now = Date.now();
  // Every read travels in one D1 round trip (issue 13), in at most two D1 calls: the post and my right to it with who
  // of its thread hears of the comment and why (shared with the route's gate: loadPostAndThread), then, when there are
  // any, the parent and the members the text names (namedReads). The others wait behind the rule, so that a refusal
  // comes first, as when they were read one after the other.
  const handles = extractMentions(input.body);
  const [loaded, namedRead] = await Promise.all([loadPostAndThread(ctx, actor, postId), settled(namedReads(ctx, actor, postId, handles, input.parentId, now))]);
  if (!loaded.loaded) throw new NotFoundError("No such post");
  const { post, group, m, throughFirstLook } = loaded.loaded;
  if (!canTakePartInPost(actor, group, m, throughFirstLook)) throw new ForbiddenError("Join the group to comment");
  let parentId: string | null = null;
  const { parent, named, mentionMap: mentions } = namedRead();
  if (input.parentId) {
    if (!parent) throw new ValidationError([{ path: "parentId", message: "No such comment on this post" }]);
    parentId = parent.parentId ?? parent.id;
  }
  const id = newId("cmt", now);
  // A muted thread tells its member nothing of replies and comments, author as they may be (mentions still do); each
  // member hears once, by precedence: reply to the author, comment to a follower, mention. The thread's part says who is
  // the author and a follower (it reads them all); the named part adds only who is mentioned.
  const recipients = [...loaded.thread, ...named.map((r) => ({ ...r, author: false, follower: false }))];
  const authorOk = recipients.filter((r) => r.author);
  const told = new Set(authorOk.map((r) => r.id));
  const toFollowers = recipients.filter((r) => r.follower && !told.has(r.id));
  toFollowers.forEach((r) => told.add(r.id));
  const toMentioned = recipients.filter((r) => r.mentioned && !told.has(r.id));
  const draft = { actorId: actor.id, groupId: post.groupId, postId, commentId: id };
  const notes = [
    notificationBatchOf(ctx, authorOk, { kind: "reply", ...draft }, now),
    notificationBatchOf(ctx, toFollowers, { kind: "comment", ...draft }, now),
    notificationBatchOf(ctx, toMentioned, { kind: "mention", ...draft }, now),
  ];
  const db = ctx.env.DB;
  const firstAnswer = firstAnswerUpdate(ctx, post, { id, authorId: actor.id, parentId }, now);
  const probe = webhookProbe(db, "comment.created");
  // The writes, whether a webhook endpoint listens to comments, and the new comment's view read after them, in one batch.
  const answers = await db.batch<any>(
    [
      ctx.db.insert(comments).values({ id, postId, parentId, authorId: actor.id, body: input.body, html: renderMarkdown(input.body, { mentions }), createdAt: now, updatedAt: now }),
      ctx.db.update(posts).set({ commentCount: sql`${posts.commentCount} + 1` }).where(eq(posts.id, postId)),
      ctx.db.insert(threadFollows).values({ postId, userId: actor.id, createdAt: now }).onConflictDoNothing(),
      ...notes.flatMap((n) => n.statements),
    ]
      .map((q) => statementOf(db, q))
      // A question's first answer by someone other than the asker, and the question's row read back (questions/asking.ts).
      .concat(probe.statement, firstAnswer, commentViews(ctx, actor, [id])),
  );
  const subscribed = probe.subscribed(answers.at(-2 - firstAnswer.length));
  await afterAnswer(ctx, async () => {
    for (const n of notes) await n.pushLive();
    await publishToGroup(ctx, post.groupId, "comment.created", { postId, commentId: id, parentId, authorId: actor.id });
    if (subscribed) await emitWebhookEvent(ctx, "comment.created", { postId, commentId: id, parentId, authorId: actor.id });
  });
  // A question's first answer: its row as the batch read it back (no round trip of its own).
  if (firstAnswer.length > 0) await answeredAfter(ctx, answers.at(-2)!.results[0] as AnsweredRow | undefined, id, actor.id);
  return presentComment(actor, m, answers.at(-1)!.results[0]);
}

/**
 * What a comment reads beyond its post and thread, in one D1 call (none when there is nothing to read): the parent it
 * replies to (on this post, not deleted), and for the members its text names, who of them hears of it (the "named"
 * part of notifications/notify.ts `threadRecipientsQuery`) and their ids for its rendering (posts/mentions.ts).
 */
async function namedReads(ctx: ServiceContext, actor: Actor, postId: string, handles: string[], parentId: string | undefined, now: number) {
  const db = ctx.env.DB;
  const reads = [
    ...(parentId ? [statement(db, sqlPart`SELECT id, parent_id FROM comments WHERE id = ${parentId} AND post_id = ${postId} AND deleted_at IS NULL`)] : []),
    ...(handles.length ? [statement(db, threadRecipientsQuery(actor, postId, handles, now, "named")), statement(db, mentionedMembersQuery(actor, handles))] : []),
  ];
  const answers = reads.length ? await db.batch<any>(reads) : [];
  const parentRow = parentId ? answers.shift()!.results[0] : undefined;
  return {
    parent: parentRow ? { id: parentRow.id as string, parentId: parentRow.parent_id as string | null } : null,
    named: handles.length ? threadRecipientsOf(answers[0].results as ThreadRecipientRow[]) : [],
    mentionMap: handles.length ? mentionMap(answers[1].results as { id: string; handle: string }[]) : new Map<string, string>(),
  };
}

/** A question's answer's facts (votes, marks, whether the caller may vote), or null for any other comment. */
function answerFacts(actor: Actor, m: Membership, r: any): AnswerFacts | null {
  if (!r.answer_json) return null;
  const a = JSON.parse(r.answer_json) as { accepted: number; mine: number; support: number };
  return {
    votes: r.vote_count,
    votedByMe: Boolean(a.mine),
    support: Boolean(a.support),
    accepted: Boolean(a.accepted),
    canVote: canVoteAnswer(actor, { visibility: r.g_visibility }, m, { authorId: r.author_id }),
  };
}

/**
 * The select list and joins of a comment's view over `c` (the comment), with the caller's reactions to it (one
 * statement: the comment, its author, its post's kind and group's visibility, and a question's answer facts).
 */
function commentViewFrom(actor: Actor): SqlPart {
  return sqlPart`c.*, a.handle AS a_handle, a.name AS a_name, a.location AS a_location, a.timezone AS a_timezone, a.avatar_key AS a_avatar,
         p.kind AS p_kind, g.visibility AS g_visibility,
         CASE WHEN c.reaction_counts <> '{}' THEN (SELECT group_concat(r.kind) FROM reactions r WHERE r.target_id = c.id AND r.user_id = ${actor.id}) END AS my_reactions,
         CASE WHEN p.kind = 'question' AND c.parent_id IS NULL THEN json_object(
           'accepted', q.accepted_comment_id IS c.id,
           'mine', EXISTS (SELECT 1 FROM answer_votes v WHERE v.comment_id = c.id AND v.user_id = ${actor.id}),
           'support', EXISTS (SELECT 1 FROM support_members s WHERE s.group_id = p.group_id AND s.user_id = c.author_id)) END AS answer_json`;
}

function commentViewJoins(): SqlPart {
  return raw(`JOIN users a ON a.id = c.author_id JOIN posts p ON p.id = c.post_id JOIN groups g ON g.id = p.group_id
       LEFT JOIN questions q ON q.post_id = c.post_id AND p.kind = 'question'`);
}

/** The API view of a comment's row ({@link commentViewFrom}). */
function presentComment(actor: Actor, m: Membership, r: any): Comment {
  return {
    id: r.id,
    postId: r.post_id,
    parentId: r.parent_id,
    author: { id: r.author_id, handle: r.a_handle, name: r.a_name, location: r.a_location, timezone: r.a_timezone, avatarUrl: avatarUrl(r.a_avatar) },
    body: r.body,
    html: r.html,
    createdAt: r.created_at,
    editedAt: r.edited_at,
    hidden: r.hidden_at !== null,
    reactions: JSON.parse(r.reaction_counts),
    myReactions: r.my_reactions ? (r.my_reactions as string).split(",").sort() as Comment["myReactions"] : [],
    can: commentCan(actor, m, { authorId: r.author_id }),
    answer: answerFacts(actor, m, r),
  };
}

/** The statement of the views of comments by id ({@link commentViewFrom}), in no order. */
function commentViews(ctx: ServiceContext, actor: Actor, ids: string[]): D1PreparedStatement {
  return statement(ctx.env.DB, sqlPart`SELECT ${commentViewFrom(actor)} FROM comments c ${commentViewJoins()} WHERE c.id IN (${join(ids.map((id) => sqlPart`${id}`), ",")})`);
}

async function listCommentsByIds(ctx: ServiceContext, actor: Actor, m: Membership, ids: string[]): Promise<Comment[]> {
  if (!ids.length) return [];
  const { results } = await commentViews(ctx, actor, ids).all<any>();
  const byId = new Map(results.map((r: any) => [r.id, r]));
  return ids.flatMap((id): Comment[] => {
    const r: any = byId.get(id);
    return r ? [presentComment(actor, m, r)] : [];
  });
}

export type CommentsCursor = { t: number; i: string } | { k: number; rt: number; ri: string; t: number; i: string };

/**
 * A post's comments, oldest first (a conversation reads down), keyset-paginated; hidden ones as the rule says. A
 * question's answers (its top-level comments) come by votes, then time, each followed by its replies, oldest first.
 */
export async function listComments(ctx: ServiceContext, actor: Actor, postId: string, limit: number, cursor?: CommentsCursor) {
  const plain = cursor && !("k" in cursor) ? cursor : undefined;
  const after = plain ? sqlPart`AND (c.created_at > ${plain.t} OR (c.created_at = ${plain.t} AND c.id > ${plain.i}))` : empty;
  // The plain page, whole views, is read together with the post and my membership (one D1 round trip, issue 13), and
  // thrown away when I may not read the post, or when it is a question (its answers are ordered by votes: a second trip).
  const [{ post, m }, { results }] = await Promise.all([
    loadPost(ctx, actor, postId),
    statement(
      ctx.env.DB,
      sqlPart`SELECT ${commentViewFrom(actor)} FROM comments c INDEXED BY comments_post_time ${commentViewJoins()}
       WHERE c.post_id = ${postId} AND ${sqlReadableItem(actor, "c", "p.group_id")} ${after}
       ORDER BY c.created_at, c.id LIMIT ${limit + 1}`,
    ).all<any>(),
  ]);
  if (post.kind === "question") return listAnswers(ctx, actor, m, postId, limit, cursor && "k" in cursor ? cursor : undefined);
  const page = results.slice(0, limit);
  const last = page.at(-1);
  return { items: page.map((r) => presentComment(actor, m, r)), next: results.length > limit && last ? ({ t: last.created_at, i: last.id } as CommentsCursor) : null };
}

/** A question's comments: threads by their answer's votes (most first), then its time; within a thread, oldest first. */
async function listAnswers(ctx: ServiceContext, actor: Actor, m: Membership, postId: string, limit: number, cursor?: { k: number; rt: number; ri: string; t: number; i: string }) {
  const k = raw("coalesce(r.vote_count, c.vote_count)");
  const rt = raw("coalesce(r.created_at, c.created_at)");
  const ri = raw("coalesce(r.id, c.id)");
  const after = cursor
    ? sqlPart`AND (${k} < ${cursor.k} OR (${k} = ${cursor.k} AND (${rt} > ${cursor.rt} OR (${rt} = ${cursor.rt} AND (${ri} > ${cursor.ri} OR (${ri} = ${cursor.ri} AND (c.created_at > ${cursor.t} OR (c.created_at = ${cursor.t} AND c.id > ${cursor.i}))))))))`
    : empty;
  const { results } = await statement(
    ctx.env.DB,
    sqlPart`SELECT c.id, c.created_at AS t, ${k} AS k, ${rt} AS rt, ${ri} AS ri FROM comments c INDEXED BY comments_post_time JOIN posts p ON p.id = c.post_id
     LEFT JOIN comments r ON r.id = c.parent_id
     WHERE c.post_id = ${postId} AND ${sqlReadableItem(actor, "c", "p.group_id")} ${after}
     ORDER BY k DESC, rt, ri, c.created_at, c.id LIMIT ${limit + 1}`,
  ).all<{ id: string; t: number; k: number; rt: number; ri: string }>();
  const page = results.slice(0, limit);
  const last = page.at(-1);
  const next: CommentsCursor | null = results.length > limit && last ? { k: last.k, rt: last.rt, ri: last.ri, t: last.t, i: last.id } : null;
  return { items: await listCommentsByIds(ctx, actor, m, page.map((r) => r.id)), next };
}

/** One comment, under its post's visibility (404 to whoever may not read the post); a hidden one only for its author and moderators. */
export async function getComment(ctx: ServiceContext, actor: Actor, commentId: string): Promise<Comment> {
  const { m } = await loadComment(ctx, actor, commentId);
  return (await listCommentsByIds(ctx, actor, m, [commentId]))[0];
}

async function loadComment(ctx: ServiceContext, actor: Actor, commentId: string) {
  // The comment, its post, group and my membership in one statement (one D1 round trip, issue 13).
  const row = await ctx.db
    .select({ comment: comments, ...postAccessColumns(actor) })
    .from(comments)
    .innerJoin(posts, eq(posts.id, comments.postId))
    .innerJoin(groups, eq(groups.id, posts.groupId))
    .leftJoin(groupMembers, postMembership(actor))
    .where(eq(comments.id, commentId))
    .get();
  const loaded = row ? postAccess(actor, row, Date.now()) : null;
  if (!row || !loaded) throw new NotFoundError("No such comment");
  const { group, m, throughFirstLook } = loaded;
  if (!canReadComment(actor, group, m, row.comment, throughFirstLook)) throw new NotFoundError("No such comment");
  return { comment: row.comment, group, m, throughFirstLook, post: loaded.post };
}

/**
 * The gate of commenting a post: 403 to a reader of the post who may not take part in its group (as `checkPostRight`'s
 * "takePart"), its read shared with {@link createComment}'s (loadPostAndThread: one D1 call for both).
 */
export function checkCommentingRight(ctx: ServiceContext, actor: Actor, postId: string): Promise<void> {
  return refuseUnless(
    loadPostAndThread(ctx, actor, postId),
    ({ loaded }) => loaded === null || canTakePartInPost(actor, loaded.group, loaded.m, loaded.throughFirstLook),
    "Join the group to take part",
  );
}

/** The gate of a comment's routes: 403 to a reader of the comment who may not edit it, or not take part in its group. */
export function checkCommentRight(ctx: ServiceContext, actor: Actor, commentId: string, right: "edit" | "takePart"): Promise<void> {
  return refuseUnless(
    loadComment(ctx, actor, commentId),
    ({ comment, group, m, throughFirstLook }) => (right === "edit" ? canEditItem(actor, comment) : canTakePartInPost(actor, group, m, throughFirstLook)),
    right === "edit" ? "Only the author edits a comment" : "Join the group to take part",
  );
}

export async function updateComment(ctx: ServiceContext, actor: Actor, commentId: string, body: string): Promise<Comment> {
  // The comment and the members its text mentions are read together, then the change and the new view travel in one
  // batch (two D1 round trips, the session check riding with the first: issue 13).
  const [{ comment, m }, mentions] = await Promise.all([loadComment(ctx, actor, commentId), mentionedMembers(ctx, actor, body)]);
  if (!canEditItem(actor, comment)) throw new ForbiddenError("Only the author edits a comment");
  const now = Date.now();
  const [, view] = await ctx.env.DB.batch<any>([
    statementOf(ctx.env.DB, ctx.db.update(comments).set({ body, html: renderMarkdown(body, { mentions }), editedAt: now, updatedAt: now }).where(eq(comments.id, commentId))),
    commentViews(ctx, actor, [commentId]),
  ]);
  return presentComment(actor, m, view.results[0]);
}

export async function deleteComment(ctx: ServiceContext, actor: Actor, commentId: string): Promise<void> {
  const { comment, group, m } = await loadComment(ctx, actor, commentId);
  if (!canDeleteItem(actor, m, comment)) throw new ForbiddenError("Only the author or an animator deletes a comment");
  const now = Date.now();
  await ctx.db.batch([
    ctx.db.update(comments).set({ deletedAt: now, updatedAt: now }).where(eq(comments.id, commentId)),
    ctx.db.update(posts).set({ commentCount: sql`max(${posts.commentCount} - 1, 0)` }).where(eq(posts.id, comment.postId)),
    ...(comment.authorId !== actor.id && canModerateItem(actor, m)
      ? [auditInsert(ctx, actor, { action: "comment.delete", target: { type: "comment", id: commentId }, groupId: group.id, before: { body: comment.body } }, now)]
      : []),
  ]);
}

export { loadComment };
