import { and, eq } from "drizzle-orm";
import { PostBody } from "../../../contract/posts";
import { serviceContext, type Actor, type ServiceContext } from "../../context";
import { officeHours, questions } from "../../db/questions";
import { currentCharterVersion, users } from "../../db/users";
import { ApiError, ForbiddenError, NotFoundError, ValidationError } from "../../errors";
import { newId } from "../../lib/ids";
import { parseOrThrow } from "../../lib/validate";
import { canAskInOfficeHour, canReplyInOfficeHour, type Membership } from "../access";
import { loadGroup } from "../groups/groups";
import { createComment } from "../posts/comments";
import { createPost } from "../posts/posts";
import { emitWebhookEvent } from "../webhooks/events";
import { officeHourState } from "./office-hours";

/**
 * The office-hour room's one door into the services (party/office-hour-room.ts imports this module only; the layer
 * rule `party-not-worker` lets this one edge through, see .dependency-cruiser.cjs). The room runs inside the same
 * Worker script with the same D1; what it writes goes through the SAME service code as the HTTP routes:
 *
 * - `ask`: a question post of the group by the asker (`createPost`, as `POST /groups/:id/posts {kind: "question"}`),
 *   with `officeHourId` set: the promise's deadline, `question.created`, webhooks, feed and notifications all apply.
 * - `reply`: a top-level comment by the expert on that question (`createComment`, as `POST /posts/:id/comments`),
 *   which becomes the question's ACCEPTED answer: the office-hour rule (the expert answers in the room), besides the
 *   ordinary one (asker or animator, `POST /posts/:id/accept`). Each reply becomes the accepted one.
 *
 * Each is checked again here, whatever the room knows: the member is active, the session is live now, the asker may
 * ask in the group, the replier is the expert. A refusal is an ApiError, which the room turns into an `error` frame.
 */

/** The member behind a room connection, read fresh (a member deactivated since the upgrade is refused). */
async function actorOf(ctx: ServiceContext, memberId: string): Promise<Actor> {
  const row = await ctx.db
    .select({ id: users.id, role: users.role, handle: users.handle, name: users.name, locale: users.locale, charterVersion: users.charterVersion, currentCharter: currentCharterVersion, deactivatedAt: users.deactivatedAt })
    .from(users)
    .where(eq(users.id, memberId))
    .get();
  if (!row || row.deactivatedAt !== null) throw new ForbiddenError("Your account is not active");
  const { deactivatedAt: _, ...actor } = row;
  return { ...actor, via: "session" };
}

/** The session, live now; else a refusal (the room closes at its end anyway). */
async function liveSession(ctx: ServiceContext, officeHourId: string) {
  const oh = await ctx.db.select().from(officeHours).where(eq(officeHours.id, officeHourId)).get();
  if (!oh) throw new NotFoundError("No such office hour");
  if (officeHourState(oh, Date.now()) !== "live") throw new ApiError("conflict", "This office hour is not live");
  return oh;
}

function contextFor(env: Env, origin: string): ServiceContext {
  return serviceContext(env, origin, newId("req"));
}

/** A question's title: the first line of what was asked, 120 characters at most (whole characters). */
export function titleOf(text: string): string {
  const first = text.split("\n").map((l) => l.trim()).find((l) => l.length > 0) ?? text.trim();
  const chars = Array.from(first);
  return chars.length > 120 ? `${chars.slice(0, 119).join("").trimEnd()}…` : first;
}

/** `ask {text}`: the question post it became (its id is the question's id). */
export async function askInOfficeHour(env: Env, origin: string, input: { officeHourId: string; memberId: string; text: string }): Promise<{ postId: string }> {
  const ctx = contextFor(env, origin);
  const oh = await liveSession(ctx, input.officeHourId);
  const actor = await actorOf(ctx, input.memberId);
  const { group, m } = await loadGroup(ctx, actor, oh.groupId);
  if (!canAskInOfficeHour(actor, group, m as Membership)) throw new ForbiddenError("Join the group to ask in its office hour");
  const body = parseOrThrow(PostBody, { kind: "question", title: titleOf(input.text), body: input.text });
  const post = await createPost(ctx, actor, oh.groupId, body, { officeHourId: oh.id });
  return { postId: post.id };
}

/** `reply {questionId, text}` from the expert: the comment it became, now the question's accepted answer. */
export async function replyInOfficeHour(env: Env, origin: string, input: { officeHourId: string; memberId: string; questionId: string; text: string }): Promise<{ commentId: string }> {
  const ctx = contextFor(env, origin);
  const oh = await liveSession(ctx, input.officeHourId);
  if (!canReplyInOfficeHour({ id: input.memberId }, oh)) throw new ForbiddenError("Only the expert replies in an office hour");
  const actor = await actorOf(ctx, input.memberId);
  const q = await ctx.db.select().from(questions).where(eq(questions.postId, input.questionId)).get();
  if (!q || q.officeHourId !== oh.id) throw new ValidationError([{ path: "questionId", message: "Not a question of this office hour" }]);
  if (q.authorId === actor.id) throw new ValidationError([{ path: "questionId", message: "The expert's own question takes no answer from them" }]);
  const comment = await createComment(ctx, actor, input.questionId, { body: input.text });
  await ctx.db.update(questions).set({ acceptedCommentId: comment.id }).where(and(eq(questions.postId, input.questionId), eq(questions.officeHourId, oh.id)));
  await emitWebhookEvent(ctx, "question.accepted", { questionId: input.questionId, groupId: q.groupId, commentId: comment.id, byId: actor.id });
  return { commentId: comment.id };
}
