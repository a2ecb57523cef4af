import { and, eq, sql } from "drizzle-orm";
import type { Comment, CommentBody } from "../../../contract/posts";
import type { Actor, ServiceContext } from "../../context";
import { comments, posts, threadFollows } from "../../db/conversation";
import { auditInsert } from "../audit/audit";
import { ForbiddenError, NotFoundError, ValidationError } from "../../errors";
import { newId } from "../../lib/ids";
import { renderMarkdown } from "../../lib/markdown";
import { canDeleteItem, canEditItem, canModerateItem, canReadItem, canTakePartIn, commentCan, sqlReadableItem, type Membership } from "../access";
import { publishToGroup } from "../live";
import { emitWebhookEvent } from "../webhooks/events";
import { notificationBatch, readersAmong } from "../notifications/notify";
import { avatarUrl } from "../users/present";
import { refuseUnless } from "../gate";
import { loadPost } from "./posts";
import { mentionedMembers } from "./mentions";
import { empty, sqlPart, statement } from "../../lib/sql";

/**
 * Comments a post (readers who may take part). Replies are one level deep: a reply to a reply attaches to its
 * top-level comment. The post's author hears of it ("reply"), the thread's followers too ("comment"), the mentioned
 * ("mention") — each only if they may read the post, and each once, by that order of precedence.
 */
export async function createComment(ctx: ServiceContext, actor: Actor, postId: string, input: CommentBody): Promise<Comment> {
  const { post, group, m } = await loadPost(ctx, actor, postId);
  if (!canTakePartIn(actor, group, m)) throw new ForbiddenError("Join the group to comment");
  let parentId: string | null = null;
  if (input.parentId) {
    const parent = await ctx.db.select({ id: comments.id, parentId: comments.parentId }).from(comments).where(and(eq(comments.id, input.parentId), eq(comments.postId, postId), sql`${comments.deletedAt} is null`)).get();
    if (!parent) throw new ValidationError([{ path: "parentId", message: "No such comment on this post" }]);
    parentId = parent.parentId ?? parent.id;
  }
  const now = Date.now();
  const id = newId("cmt", now);
  const followers = (await ctx.db.select({ id: threadFollows.userId }).from(threadFollows).where(eq(threadFollows.postId, postId)).all()).map((f) => f.id);
  const mentionMap = await mentionedMembers(ctx, actor, input.body);
  const mentions = [...mentionMap.values()];
  const [authorOk, followersOk, mentionsOk] = await Promise.all([
    readersAmong(ctx, post.groupId, [post.authorId], actor.id),
    readersAmong(ctx, post.groupId, followers, actor.id),
    readersAmong(ctx, post.groupId, mentions, actor.id),
  ]);
  const told = new Set(authorOk);
  const toFollowers = followersOk.filter((id) => !told.has(id));
  toFollowers.forEach((id) => told.add(id));
  const toMentioned = mentionsOk.filter((id) => !told.has(id));
  const draft = { actorId: actor.id, groupId: post.groupId, postId, commentId: id };
  const notes = [
    await notificationBatch(ctx, authorOk, { kind: "reply", ...draft }, now),
    await notificationBatch(ctx, toFollowers, { kind: "comment", ...draft }, now),
    await notificationBatch(ctx, toMentioned, { kind: "mention", ...draft }, now),
  ];
  await ctx.db.batch([
    ctx.db.insert(comments).values({ id, postId, parentId, authorId: actor.id, body: input.body, html: renderMarkdown(input.body, { mentions: mentionMap }), createdAt: now, updatedAt: now }),
    ctx.db.update(posts).set({ commentCount: sql`${posts.commentCount} + 1` }).where(eq(posts.id, postId)),
    ctx.db.insert(threadFollows).values({ postId, userId: actor.id, createdAt: now }).onConflictDoNothing(),
    ...notes.flatMap((n) => n.statements),
  ]);
  for (const n of notes) await n.pushLive();
  await publishToGroup(ctx, post.groupId, "comment.created", { postId, commentId: id, parentId, authorId: actor.id });
  await emitWebhookEvent(ctx, "comment.created", { postId, commentId: id, parentId, authorId: actor.id });
  return (await listCommentsByIds(ctx, actor, m, [id]))[0];
}

async function listCommentsByIds(ctx: ServiceContext, actor: Actor, m: Membership, ids: string[]): Promise<Comment[]> {
  if (!ids.length) return [];
  const list = ids.map(() => "?").join(",");
  const [rows, mine] = await ctx.env.DB.batch<any>([
    ctx.env.DB.prepare(
      `SELECT c.*, a.handle AS a_handle, a.name AS a_name, a.location AS a_location, a.timezone AS a_timezone, a.avatar_key AS a_avatar
       FROM comments c JOIN users a ON a.id = c.author_id WHERE c.id IN (${list})`,
    ).bind(...ids),
    ctx.env.DB.prepare(`SELECT target_id, kind FROM reactions WHERE user_id = ? AND target_id IN (${list})`).bind(actor.id, ...ids),
  ]);
  const byId = new Map(rows.results.map((r: any) => [r.id, r]));
  return ids.flatMap((id): Comment[] => {
    const r: any = byId.get(id);
    if (!r) return [];
    return [
      {
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
        myReactions: mine.results.filter((x: any) => x.target_id === id).map((x: any) => x.kind),
        can: commentCan(actor, m, { authorId: r.author_id }),
      },
    ];
  });
}

/** A post's comments, oldest first (a conversation reads down), keyset-paginated; hidden ones as the rule says. */
export async function listComments(ctx: ServiceContext, actor: Actor, postId: string, limit: number, cursor?: { t: number; i: string }) {
  const { m } = await loadPost(ctx, actor, postId);
  const after = cursor ? sqlPart`AND (c.created_at > ${cursor.t} OR (c.created_at = ${cursor.t} AND c.id > ${cursor.i}))` : empty;
  const { results } = await statement(
    ctx.env.DB,
    sqlPart`SELECT c.id, c.created_at AS t FROM comments c INDEXED BY comments_post_time JOIN posts p ON p.id = c.post_id
     WHERE c.post_id = ${postId} AND ${sqlReadableItem(actor, "c", "p.group_id")} ${after}
     ORDER BY c.created_at, c.id LIMIT ${limit + 1}`,
  ).all<{ id: string; t: number }>();
  const page = results.slice(0, limit);
  const last = page.at(-1);
  return { items: await listCommentsByIds(ctx, actor, m, page.map((r) => r.id)), next: results.length > limit && last ? { t: last.t, i: last.id } : null };
}

/** One comment, under its post's visibility (404 to whoever may not read the post); a hidden one only for its author and moderators. */
export async function getComment(ctx: ServiceContext, actor: Actor, commentId: string): Promise<Comment> {
  const { m } = await loadComment(ctx, actor, commentId);
  return (await listCommentsByIds(ctx, actor, m, [commentId]))[0];
}

async function loadComment(ctx: ServiceContext, actor: Actor, commentId: string) {
  const row = await ctx.db.select().from(comments).where(eq(comments.id, commentId)).get();
  if (!row) throw new NotFoundError("No such comment");
  const { group, m } = await loadPost(ctx, actor, row.postId).catch(() => {
    throw new NotFoundError("No such comment");
  });
  if (!canReadItem(actor, group, m, row)) throw new NotFoundError("No such comment");
  return { comment: row, group, m };
}

/** The gate of a comment's routes: 403 to a reader of the comment who may not edit it, or not take part in its group. */
export function checkCommentRight(ctx: ServiceContext, actor: Actor, commentId: string, right: "edit" | "takePart"): Promise<void> {
  return refuseUnless(
    loadComment(ctx, actor, commentId),
    ({ comment, group, m }) => (right === "edit" ? canEditItem(actor, comment) : canTakePartIn(actor, group, m)),
    right === "edit" ? "Only the author edits a comment" : "Join the group to take part",
  );
}

export async function updateComment(ctx: ServiceContext, actor: Actor, commentId: string, body: string): Promise<Comment> {
  const { comment, m } = await loadComment(ctx, actor, commentId);
  if (!canEditItem(actor, comment)) throw new ForbiddenError("Only the author edits a comment");
  const now = Date.now();
  await ctx.db.update(comments).set({ body, html: renderMarkdown(body, { mentions: await mentionedMembers(ctx, actor, body) }), editedAt: now, updatedAt: now }).where(eq(comments.id, commentId));
  return (await listCommentsByIds(ctx, actor, m, [commentId]))[0];
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
