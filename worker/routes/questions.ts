import { z } from "@hono/zod-openapi";
import { AcceptBody, AnswerPromise, PromiseBody, Question, QuestionPage, QuestionsQuery, QuestionStats, QuestionStatsQuery, SupportMembers, SupportMembersBody } from "../../contract/questions";
import { decodeCursor, encodeCursor } from "../lib/validate";
import { checkPromiseRight, getPromise, getSupportMembers, setPromise, setSupportMembers } from "../services/questions/promise";
import { acceptAnswer, checkAcceptRight, checkVoteRight, listQuestions, voteAnswer } from "../services/questions/questions";
import { checkStatsRight, questionStats } from "../services/questions/stats";
import { define, json, routes } from "./define";

/** Questions (API.md "Questions and knowledge"): the list, votes on answers, accepting, a group's promise, support and figures. */

const QuestionsCursor = z.union([z.object({ d: z.number().nullable(), i: z.string() }), z.object({ i: z.string() })]);

/** /questions: the queue and the lists of questions. */
export const questionRoutes = routes().openapi(
  define({
    method: "get",
    path: "/",
    summary: "Questions the caller may read: by state (computed from the clock), group, tag, mine; open ones most urgent first",
    tag: "Questions",
    access: "member",
    query: QuestionsQuery,
    responses: { 200: json(QuestionPage, "A page of questions") },
  }),
  async (c) => {
    const { cursor, ...q } = c.req.valid("query");
    const { items, next } = await listQuestions(c.var.ctx, c.var.caller, q, decodeCursor(QuestionsCursor, cursor));
    return c.json({ items, nextCursor: next ? encodeCursor(next) : null }, 200);
  },
);

/** /comments/{id}/vote: an up-vote on a question's answer. */
export const answerVoteRoutes = routes()
  .openapi(
    define({ method: "put", path: "/{id}/vote", summary: "Vote an answer up (one vote each; not one's own answer: 403; not an answer: 404)", tag: "Questions", access: "member", gate: (c) => checkVoteRight(c.var.ctx, c.var.caller, c.req.param("id")!), gateAlongside: true, responses: { 204: { description: "Voted" } } }),
    async (c) => {
      await voteAnswer(c.var.ctx, c.var.caller, c.req.param("id"), true);
      return c.body(null, 204);
    },
  )
  .openapi(
    define({ method: "delete", path: "/{id}/vote", summary: "Withdraw one's vote on an answer", tag: "Questions", access: "member", gate: (c) => checkVoteRight(c.var.ctx, c.var.caller, c.req.param("id")!), gateAlongside: true, responses: { 204: { description: "Withdrawn" } } }),
    async (c) => {
      await voteAnswer(c.var.ctx, c.var.caller, c.req.param("id"), false);
      return c.body(null, 204);
    },
  );

/** /posts/{id}/accept: the asker or an animator accepts an answer. */
export const acceptRoutes = routes().openapi(
  define({
    method: "post",
    path: "/{id}/accept",
    summary: "Accept an answer, or change the accepted one (the asker, the group's animators, administrators)",
    tag: "Questions",
    access: "member",
    gate: (c) => checkAcceptRight(c.var.ctx, c.var.caller, c.req.param("id")!),
    gateAlongside: true,
    body: AcceptBody,
    responses: { 200: json(Question, "The question") },
  }),
  async (c) => c.json(await acceptAnswer(c.var.ctx, c.var.caller, c.req.param("id"), c.req.valid("json").commentId), 200),
);

/** /groups/{id}/promise, /support-members, /question-stats. */
export const groupQuestionRoutes = routes()
  .openapi(
    define({ method: "get", path: "/{id}/promise", summary: "The answer-time promise the group follows (its own, or the network's default)", tag: "Questions", access: "member", responses: { 200: json(AnswerPromise, "The promise") } }),
    async (c) => c.json(await getPromise(c.var.ctx, c.var.caller, c.req.param("id")), 200),
  )
  .openapi(
    define({ method: "put", path: "/{id}/promise", summary: "Set the group's answer-time promise (its animators; audited)", tag: "Questions", access: "member", gate: (c) => checkPromiseRight(c.var.ctx, c.var.caller, c.req.param("id")!), gateAlongside: true, body: PromiseBody, responses: { 200: json(AnswerPromise, "The promise") } }),
    async (c) => c.json(await setPromise(c.var.ctx, c.var.caller, c.req.param("id"), c.req.valid("json")), 200),
  )
  .openapi(
    define({ method: "get", path: "/{id}/support-members", summary: "The group's support members", tag: "Questions", access: "member", responses: { 200: json(SupportMembers, "Support members") } }),
    async (c) => c.json(await getSupportMembers(c.var.ctx, c.var.caller, c.req.param("id")), 200),
  )
  .openapi(
    define({ method: "put", path: "/{id}/support-members", summary: "Name the group's support members, members of the group (its animators; audited)", tag: "Questions", access: "member", gate: (c) => checkPromiseRight(c.var.ctx, c.var.caller, c.req.param("id")!), gateAlongside: true, body: SupportMembersBody, responses: { 200: json(SupportMembers, "Support members") } }),
    async (c) => c.json(await setSupportMembers(c.var.ctx, c.var.caller, c.req.param("id"), c.req.valid("json").userIds), 200),
  )
  .openapi(
    define({ method: "get", path: "/{id}/question-stats", summary: "The group's answer-time figures over a period (default: the last 30 days; its animators and administrators)", tag: "Questions", access: "member", gate: (c) => checkStatsRight(c.var.ctx, c.var.caller, c.req.param("id")!), query: QuestionStatsQuery, responses: { 200: json(QuestionStats, "The figures") } }),
    async (c) => c.json(await questionStats(c.var.ctx, c.var.caller, c.req.param("id"), c.req.valid("query")), 200),
  );
