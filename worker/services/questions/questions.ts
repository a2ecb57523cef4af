import { and, eq, isNull, sql } from "drizzle-orm";
import type { Question, QuestionsQuery } from "../../../contract/questions";
import { counted, type Actor, type ServiceContext } from "../../context";
import { comments } from "../../db/conversation";
import { answerVotes, questions } from "../../db/questions";
import { ForbiddenError, NotFoundError, ValidationError } from "../../errors";
import { join, raw, sqlPart, statement, statementOf, type SqlPart } from "../../lib/sql";
import { foldTag } from "../../lib/marks";
import { canAcceptAnswer, canVoteAnswer, sqlReadableGroup, sqlReadableItem, type Membership } from "../access";
import { auditInsert } from "../audit/audit";
import { refuseUnless } from "../gate";
import { postViewJoins, postViewSelect, presentPost, type PostViewRow } from "../posts/hydrate";
import { loadPost, settled } from "../posts/posts";
import { loadComment } from "../posts/comments";
import { emitWebhookEvent } from "../webhooks/events";
import { stateOf } from "./asking";

type FactsRow = {
  post_id: string; deadline_at: number | null; answered_at: number | null; accepted_comment_id: string | null; office_hour_id: string | null;
  author_id: string; m_role: string | null; m_state: string | null;
};

/** The statements of question views of ids the caller may read (already filtered): the post views, then the questions' facts. */
function questionViewStatements(ctx: ServiceContext, actor: Actor, ids: string[]): [D1PreparedStatement, D1PreparedStatement] {
  const list = join(ids.map((id) => sqlPart`${id}`), ",");
  return [
    statement(ctx.env.DB, sqlPart`SELECT ${postViewSelect(actor)} FROM posts p ${postViewJoins(actor)} WHERE p.id IN (${list})`),
    statement(
      ctx.env.DB,
      sqlPart`SELECT q.post_id, q.deadline_at, q.answered_at, q.accepted_comment_id, q.office_hour_id, q.author_id, m.role AS m_role, m.state AS m_state
        FROM questions q LEFT JOIN group_members m ON m.group_id = q.group_id AND m.user_id = ${actor.id}
        WHERE q.post_id IN (${list})`,
    ),
  ];
}

/** The question views of {@link questionViewStatements}' answers, in the order of `ids`. */
function presentQuestions(actor: Actor, ids: string[], views: PostViewRow[], facts: FactsRow[]): Question[] {
  const viewById = new Map(views.map((r) => [r.id, r]));
  const byId = new Map(facts.map((r) => [r.post_id, r]));
  const now = Date.now();
  return ids.flatMap((id) => {
    const v = viewById.get(id);
    const r = byId.get(id);
    if (!v || !r) return [];
    const post = presentPost(actor, v);
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

/** Question views of ids the caller may read (already filtered): the post view plus the question's fields; order kept. */
export async function hydrateQuestions(ctx: ServiceContext, actor: Actor, ids: string[]): Promise<Question[]> {
  if (!ids.length) return [];
  const [views, facts] = await Promise.all(questionViewStatements(ctx, actor, ids).map((s) => s.all<any>()));
  counted(ctx, [views]);
  return presentQuestions(actor, ids, views.results, facts.results);
}

/**
 * A question the caller may read, with its group and the caller's membership; 404 otherwise (a post of another kind
 * too). The question's row is read together with the post (one D1 round trip, issue 13) and thrown away unless the
 * caller may read the post; so is `also`, a read of the caller's that travels with them (its answer comes back).
 */
export async function loadQuestion<T = undefined>(ctx: ServiceContext, actor: Actor, postId: string, also?: Promise<T>) {
  const [loaded, q, extra] = await Promise.all([
    loadPost(ctx, actor, postId),
    settled(ctx.db.select().from(questions).where(eq(questions.postId, postId)).get()),
    settled(also ?? Promise.resolve(undefined as T)),
  ]);
  if (loaded.post.kind !== "question") throw new NotFoundError("No such question");
  const question = q();
  if (!question) throw new NotFoundError("No such question");
  return { ...loaded, question, also: extra() };
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
  // The question, my right to it and the answer named are read together (with the session check and the gate: one D1
  // round trip, issue 13), then the acceptance, its audit row and the question's new view travel in one batch.
  const { question, m, post, also: answer } = await loadQuestion(
    ctx,
    actor,
    postId,
    ctx.db
      .select({ id: comments.id, authorId: comments.authorId })
      .from(comments)
      .where(and(eq(comments.id, commentId), eq(comments.postId, postId), isNull(comments.parentId), isNull(comments.deletedAt), isNull(comments.hiddenAt)))
      .get(),
  );
  if (!canAcceptAnswer(actor, m, question)) throw new ForbiddenError("Only the asker or the group's animators accept an answer");
  if (!answer) throw new ValidationError([{ path: "commentId", message: "Not an answer to this question" }]);
  if (answer.authorId === post.authorId) throw new ValidationError([{ path: "commentId", message: "The asker's own comment is not an answer" }]);
  const now = Date.now();
  const db = ctx.env.DB;
  const answers = await db.batch<any>([
    statementOf(db, ctx.db.update(questions).set({ acceptedCommentId: commentId }).where(eq(questions.postId, postId))),
    ...(actor.id !== post.authorId
      ? [statementOf(db, auditInsert(ctx, actor, { action: "question.accept", target: { type: "post", id: postId }, groupId: post.groupId, before: { acceptedCommentId: question.acceptedCommentId }, after: { acceptedCommentId: commentId } }, now))]
      : []),
    ...questionViewStatements(ctx, actor, [postId]),
  ]);
  if (question.acceptedCommentId !== commentId) await emitWebhookEvent(ctx, "question.accepted", { questionId: postId, groupId: post.groupId, commentId, byId: actor.id });
  return presentQuestions(actor, [postId], answers.at(-2)!.results, answers.at(-1)!.results)[0];
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
