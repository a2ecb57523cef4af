import { and, eq, isNull, sql } from "drizzle-orm";
import type { QuestionState } from "../../../contract/questions";
import type { ServiceContext } from "../../context";
import { questions } from "../../db/questions";
import { sqlPart, statement, statementOf } from "../../lib/sql";
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
 * The statements that make a new top-level comment the question's first answer, for the comment's batch: only when
 * the question has none yet and the comment is not the asker's; whether its author is a support member of the group
 * is read in the same statement (at that moment). The question's row is read back right after it in the same batch
 * (issue 13: no round trip of its own), for {@link answeredAfter}.
 */
export function firstAnswerUpdate(ctx: ServiceContext, post: { id: string; groupId: string; authorId: string; kind: string }, comment: { id: string; authorId: string; parentId: string | null }, now: number) {
  if (post.kind !== "question" || comment.parentId !== null || comment.authorId === post.authorId) return [];
  return [
    statementOf(
      ctx.env.DB,
      ctx.db
        .update(questions)
        .set({
          answeredAt: now,
          firstAnswerId: comment.id,
          firstAnswerBySupport: sql`EXISTS (SELECT 1 FROM support_members s WHERE s.group_id = ${post.groupId} AND s.user_id = ${comment.authorId})`,
        })
        .where(and(eq(questions.postId, post.id), isNull(questions.answeredAt))),
    ),
    statement(ctx.env.DB, sqlPart`SELECT post_id, group_id, answered_at, deadline_at, first_answer_id, first_answer_by_support FROM questions WHERE post_id = ${post.id}`),
  ];
}

/** The question's row as {@link firstAnswerUpdate} read it back. */
export type AnsweredRow = { post_id: string; group_id: string; answered_at: number | null; deadline_at: number | null; first_answer_id: string | null; first_answer_by_support: number | null };

/**
 * After the comment's batch: `question.answered` when that comment became the first answer (`row`: the question's row
 * read back in the batch; undefined when the comment could not be one).
 */
export async function answeredAfter(ctx: ServiceContext, row: AnsweredRow | undefined, commentId: string, authorId: string) {
  if (!row || row.first_answer_id !== commentId) return;
  await emitWebhookEvent(ctx, "question.answered", {
    questionId: row.post_id,
    groupId: row.group_id,
    commentId,
    authorId,
    support: Boolean(row.first_answer_by_support),
    inTime: row.deadline_at === null ? null : row.answered_at! <= row.deadline_at,
  });
}
