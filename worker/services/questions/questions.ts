import { and, eq, isNull, sql } from "drizzle-orm";
import type { Question, QuestionsQuery } from "../../../contract/questions";
import type { Actor, ServiceContext } from "../../context";
import { comments } from "../../db/conversation";
import { answerVotes, questions } from "../../db/questions";
import { ForbiddenError, NotFoundError, ValidationError } from "../../errors";
import { join, raw, sqlPart, statement, type SqlPart } from "../../lib/sql";
import { foldTag } from "../../lib/marks";
import { canAcceptAnswer, canVoteAnswer, sqlReadableGroup, sqlReadableItem, type Membership } from "../access";
import { auditInsert } from "../audit/audit";
import { refuseUnless } from "../gate";
import { hydratePosts } from "../posts/hydrate";
import { loadPost } from "../posts/posts";
import { loadComment } from "../posts/comments";
import { emitWebhookEvent } from "../webhooks/events";
import { stateOf } from "./asking";

type FactsRow = {
  post_id: string; deadline_at: number | null; answered_at: number | null; accepted_comment_id: string | null; office_hour_id: string | null;
  author_id: string; m_role: string | null; m_state: string | null;
};

/** Question views of ids the caller may read (already filtered): the post view plus the question's fields; order kept. */
export async function hydrateQuestions(ctx: ServiceContext, actor: Actor, ids: string[]): Promise<Question[]> {
  if (!ids.length) return [];
  const [views, facts] = await Promise.all([
    hydratePosts(ctx, actor, ids),
    statement(
      ctx.env.DB,
      sqlPart`SELECT q.post_id, q.deadline_at, q.answered_at, q.accepted_comment_id, q.office_hour_id, q.author_id, m.role AS m_role, m.state AS m_state
        FROM questions q LEFT JOIN group_members m ON m.group_id = q.group_id AND m.user_id = ${actor.id}
        WHERE q.post_id IN (${join(ids.map((id) => sqlPart`${id}`), ",")})`,
    ).all<FactsRow>(),
  ]);
  const byId = new Map(facts.results.map((r) => [r.post_id, r]));
  const now = Date.now();
  return views.flatMap((post) => {
    const r = byId.get(post.id);
    if (!r) return [];
    const m: Membership = r.m_role && r.m_state ? { role: r.m_role as any, state: r.m_state as any } : null;
    return [
      {
        ...post,
        state: stateOf({ answeredAt: r.answered_at, deadlineAt: r.deadline_at }, now),
        deadlineAt: r.deadline_at,
        answeredAt: r.answered_at,
        acceptedCommentId: r.accepted_comment_id,
        officeHourId: r.office_hour_id,
        canAccept: canAcceptAnswer(actor, m, { authorId: r.author_id }),
      },
    ];
  });
}

/** A question the caller may read, with its group and the caller's membership; 404 otherwise (a post of another kind too). */
export async function loadQuestion(ctx: ServiceContext, actor: Actor, postId: string) {
  const loaded = await loadPost(ctx, actor, postId);
  if (loaded.post.kind !== "question") throw new NotFoundError("No such question");
  const q = await ctx.db.select().from(questions).where(eq(questions.postId, postId)).get();
  if (!q) throw new NotFoundError("No such question");
  return { ...loaded, question: q };
}

/** A question's answer (a top-level, live comment of a question) the caller may read; 404 otherwise. */
async function loadAnswer(ctx: ServiceContext, actor: Actor, commentId: string) {
  // The comment's statement reads its post too (one D1 round trip).
  const { comment, group, m, post } = await loadComment(ctx, actor, commentId);
  if (comment.parentId !== null || post.kind !== "question") throw new NotFoundError("No such answer: only a question's top-level comments are voted");
  return { comment, group, m };
}

/** The gate of the vote routes: 404 for what is not a readable answer; 403 on one's own answer or without taking part. */
export function checkVoteRight(ctx: ServiceContext, actor: Actor, commentId: string): Promise<void> {
  return refuseUnless(
    loadAnswer(ctx, actor, commentId),
    ({ comment, group, m }) => canVoteAnswer(actor, group, m, comment),
    "Nobody votes for their own answer, and only those who take part in the group vote",
  );
}

/** One up-vote per member per answer, withdrawable; the answer's count is recounted in the same batch. Idempotent. */
export async function voteAnswer(ctx: ServiceContext, actor: Actor, commentId: string, on: boolean): Promise<void> {
  const { comment, group, m } = await loadAnswer(ctx, actor, commentId);
  if (!canVoteAnswer(actor, group, m, comment)) throw new ForbiddenError("Nobody votes for their own answer");
  const recount = ctx.db.update(comments).set({ voteCount: sql`(SELECT count(*) FROM answer_votes v WHERE v.comment_id = ${commentId})` }).where(eq(comments.id, commentId));
  await ctx.db.batch([
    on
      ? ctx.db.insert(answerVotes).values({ commentId, userId: actor.id, postId: comment.postId, createdAt: Date.now() }).onConflictDoNothing()
      : ctx.db.delete(answerVotes).where(and(eq(answerVotes.commentId, commentId), eq(answerVotes.userId, actor.id))),
    recount,
  ]);
}

/** The gate of accepting: 404 for what is not a readable question; 403 but for the asker, animators and admins. */
export function checkAcceptRight(ctx: ServiceContext, actor: Actor, postId: string): Promise<void> {
  return refuseUnless(loadQuestion(ctx, actor, postId), ({ m, question }) => canAcceptAnswer(actor, m, question), "Only the asker or the group's animators accept an answer");
}

/**
 * Accepts one answer (or changes the accepted one): a live top-level comment of this question by someone other than
 * the asker (else 400 on `commentId`). An animator's or administrator's acceptance of someone else's question is audited.
 */
export async function acceptAnswer(ctx: ServiceContext, actor: Actor, postId: string, commentId: string): Promise<Question> {
  const { question, m, post } = await loadQuestion(ctx, actor, postId);
  if (!canAcceptAnswer(actor, m, question)) throw new ForbiddenError("Only the asker or the group's animators accept an answer");
  const answer = await ctx.db
    .select({ id: comments.id, authorId: comments.authorId })
    .from(comments)
    .where(and(eq(comments.id, commentId), eq(comments.postId, postId), isNull(comments.parentId), isNull(comments.deletedAt), isNull(comments.hiddenAt)))
    .get();
  if (!answer) throw new ValidationError([{ path: "commentId", message: "Not an answer to this question" }]);
  if (answer.authorId === post.authorId) throw new ValidationError([{ path: "commentId", message: "The asker's own comment is not an answer" }]);
  const now = Date.now();
  await ctx.db.batch([
    ctx.db.update(questions).set({ acceptedCommentId: commentId }).where(eq(questions.postId, postId)),
    ...(actor.id !== post.authorId
      ? [auditInsert(ctx, actor, { action: "question.accept", target: { type: "post", id: postId }, groupId: post.groupId, before: { acceptedCommentId: question.acceptedCommentId }, after: { acceptedCommentId: commentId } }, now)]
      : []),
  ]);
  if (question.acceptedCommentId !== commentId) await emitWebhookEvent(ctx, "question.accepted", { questionId: postId, groupId: post.groupId, commentId, byId: actor.id });
  return (await hydrateQuestions(ctx, actor, [postId]))[0];
}

export type QuestionsCursor = { d: number | null; i: string } | { i: string };
type ListQuery = Omit<QuestionsQuery, "cursor">;

/**
 * GET /questions: the questions the caller may read, in the groups whose content they read (the access module's SQL
 * rules, before the LIMIT). Open questions (`unanswered`, `overdue`) come most urgent first: by deadline, the
 * questions without a promise last (oldest first); `answered` and `all` newest first. Keyset pages over the
 * questions' partial indexes, so a page reads its own rows and few more.
 */
export async function listQuestions(ctx: ServiceContext, actor: Actor, query: ListQuery, cursor?: QuestionsCursor) {
  const now = Date.now();
  const base: SqlPart[] = [sqlReadableGroup(actor, "q.group_id", "g.visibility"), sqlReadableItem(actor, "p", "q.group_id")];
  if (query.groupId) base.push(sqlPart`q.group_id = ${query.groupId}`);
  if (query.mine) base.push(sqlPart`q.author_id = ${actor.id}`);
  if (query.officeHourId) base.push(sqlPart`q.office_hour_id = ${query.officeHourId}`);
  if (query.tag) base.push(sqlPart`EXISTS (SELECT 1 FROM post_tags t WHERE t.tag = ${foldTag(query.tag)} AND t.post_id = q.post_id)`);
  const from = raw("FROM questions q JOIN posts p ON p.id = q.post_id JOIN groups g ON g.id = q.group_id");
  const limit = query.limit + 1;
  const run = (where: SqlPart[], order: string) =>
    statement(ctx.env.DB, sqlPart`SELECT q.post_id AS id, q.deadline_at AS d ${from} WHERE ${join(where, " AND ")} ORDER BY ${raw(order)} LIMIT ${limit}`).all<{ id: string; d: number | null }>();

  let rows: { id: string; d: number | null }[];
  if (query.state === "unanswered" || query.state === "overdue") {
    const open = [...base, raw("q.answered_at IS NULL")];
    rows = [];
    // First the questions with a deadline, by deadline; then (unanswered only) those without, oldest first.
    if (!cursor || ("d" in cursor && cursor.d !== null)) {
      const range = query.state === "overdue" ? sqlPart`q.deadline_at <= ${now}` : sqlPart`q.deadline_at > ${now}`;
      const after = cursor && "d" in cursor && cursor.d !== null ? [sqlPart`(q.deadline_at > ${cursor.d} OR (q.deadline_at = ${cursor.d} AND q.post_id > ${cursor.i}))`] : [];
      rows = (await run([...open, raw("q.deadline_at IS NOT NULL"), range, ...after], "q.deadline_at, q.post_id")).results;
    }
    if (query.state === "unanswered" && rows.length < limit) {
      const after = cursor && "d" in cursor && cursor.d === null ? [sqlPart`q.post_id > ${cursor.i}`] : [];
      rows.push(...(await run([...open, raw("q.deadline_at IS NULL"), ...after], "q.post_id")).results.slice(0, limit - rows.length));
    }
  } else {
    const where = [...base];
    if (query.state === "answered") where.push(raw("q.answered_at IS NOT NULL"));
    if (cursor) where.push(sqlPart`q.post_id < ${cursor.i}`);
    rows = (await run(where, "q.post_id DESC")).results;
  }
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const open = query.state === "unanswered" || query.state === "overdue";
  const next: QuestionsCursor | null = rows.length > query.limit && last ? (open ? { d: last.d, i: last.id } : { i: last.id }) : null;
  return { items: await hydrateQuestions(ctx, actor, page.map((r) => r.id)), next };
}
