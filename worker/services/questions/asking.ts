import { and, eq, isNull, sql } from "drizzle-orm";
import type { QuestionState } from "../../../contract/questions";
import type { ServiceContext } from "../../context";
import { questions } from "../../db/questions";
import { emitWebhookEvent } from "../webhooks/events";
import { deadlineOf } from "./deadline";
import { promiseOf } from "./promise";

/**
 * What asking and answering add to the posts and comments services (posts.ts and comments.ts call these): the
 * question row written in the post's batch, the first answer marked in the comment's batch, and their events.
 */

/** A question's state at `now`: answered once someone other than the asker answered; overdue past its deadline. */
export function stateOf(q: { answeredAt: number | null; deadlineAt: number | null }, now: number): QuestionState {
  if (q.answeredAt !== null) return "answered";
  return q.deadlineAt !== null && now >= q.deadlineAt ? "overdue" : "unanswered";
}

/**
 * The question row of a new question post, with its deadline from the promise the group follows now (its own, else
 * the network's); written in the post's batch by posts.ts.
 */
export async function questionInsert(ctx: ServiceContext, input: { postId: string; groupId: string; authorId: string; now: number; officeHourId?: string | null }) {
  const promise = await promiseOf(ctx, input.groupId);
  const { deadlineAt, nudgeAt } = deadlineOf(input.now, promise);
  return {
    deadlineAt,
    statement: ctx.db.insert(questions).values({ postId: input.postId, groupId: input.groupId, authorId: input.authorId, deadlineAt, nudgeAt, officeHourId: input.officeHourId ?? null, createdAt: input.now }),
  };
}

/** After a question post was written: the `question.created` webhook. */
export function questionCreated(ctx: ServiceContext, q: { postId: string; groupId: string; authorId: string; deadlineAt: number | null }) {
  return emitWebhookEvent(ctx, "question.created", { questionId: q.postId, groupId: q.groupId, authorId: q.authorId, deadlineAt: q.deadlineAt });
}

/**
 * The statement that makes a new top-level comment the question's first answer, for the comment's batch: only when
 * the question has none yet and the comment is not the asker's; whether its author is a support member of the group
 * is read in the same statement (at that moment).
 */
export function firstAnswerUpdate(ctx: ServiceContext, post: { id: string; groupId: string; authorId: string; kind: string }, comment: { id: string; authorId: string; parentId: string | null }, now: number) {
  if (post.kind !== "question" || comment.parentId !== null || comment.authorId === post.authorId) return [];
  return [
    ctx.db
      .update(questions)
      .set({
        answeredAt: now,
        firstAnswerId: comment.id,
        firstAnswerBySupport: sql`EXISTS (SELECT 1 FROM support_members s WHERE s.group_id = ${post.groupId} AND s.user_id = ${comment.authorId})`,
      })
      .where(and(eq(questions.postId, post.id), isNull(questions.answeredAt))),
  ];
}

/** After the comment's batch: `question.answered` when that comment became the first answer. */
export async function answeredAfter(ctx: ServiceContext, post: { id: string; kind: string }, commentId: string, authorId: string) {
  if (post.kind !== "question") return;
  const q = await ctx.db.select().from(questions).where(eq(questions.postId, post.id)).get();
  if (!q || q.firstAnswerId !== commentId) return;
  await emitWebhookEvent(ctx, "question.answered", {
    questionId: q.postId,
    groupId: q.groupId,
    commentId,
    authorId,
    support: Boolean(q.firstAnswerBySupport),
    inTime: q.deadlineAt === null ? null : q.answeredAt! <= q.deadlineAt,
  });
}

