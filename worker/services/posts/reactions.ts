import { and, eq, sql } from "drizzle-orm";
import { afterAnswer, type Actor, type ServiceContext } from "../../context";
import { comments, posts, reactions, type ReactionKind } from "../../db/conversation";
import { ForbiddenError } from "../../errors";
import { canTakePartInPost } from "../access";
import { publishToGroup } from "../live";
import { emitWebhookEvent, webhookProbe } from "../webhooks/events";
import { loadComment } from "./comments";
import { loadPost } from "./posts";
import { statementOf } from "../../lib/sql";

/** The counts JSON of a target, recomputed from its reactions in the same batch as the change. */
const countsOf = (targetId: string) =>
  sql`(select coalesce(json_group_object(kind, n), '{}') from (select kind, count(*) as n from reactions where target_id = ${targetId} group by kind))`;

/** Adds or takes back the caller's reaction of a kind on a post or comment they may take part in. Idempotent. */
export async function setReaction(ctx: ServiceContext, actor: Actor, target: { type: "post" | "comment"; id: string }, kind: ReactionKind, on: boolean): Promise<void> {
  const loaded = target.type === "post" ? await loadPost(ctx, actor, target.id) : await loadComment(ctx, actor, target.id);
  const { group, m, throughFirstLook } = loaded;
  if (!canTakePartInPost(actor, group, m, throughFirstLook)) throw new ForbiddenError("Join the group to react");
  const change = on
    ? ctx.db.insert(reactions).values({ targetId: target.id, userId: actor.id, kind, createdAt: Date.now() }).onConflictDoNothing()
    : ctx.db.delete(reactions).where(and(eq(reactions.targetId, target.id), eq(reactions.userId, actor.id), eq(reactions.kind, kind)));
  const recount =
    target.type === "post"
      ? ctx.db.update(posts).set({ reactionCounts: countsOf(target.id) }).where(eq(posts.id, target.id))
      : ctx.db.update(comments).set({ reactionCounts: countsOf(target.id) }).where(eq(comments.id, target.id));
  // The change, its recount and whether a webhook endpoint listens to reactions, in one batch (a transaction).
  const db = ctx.env.DB;
  const probe = webhookProbe(db, "reaction.changed");
  const [, , probed] = await db.batch([statementOf(db, change), statementOf(db, recount), probe.statement]);
  const subscribed = probe.subscribed(probed);
  const postId = loaded.post.id;
  await afterAnswer(ctx, async () => {
    await publishToGroup(ctx, group.id, "reaction.changed", { targetType: target.type, targetId: target.id, postId, userId: actor.id, kind, on });
    if (subscribed) await emitWebhookEvent(ctx, "reaction.changed", { targetType: target.type, targetId: target.id, postId, userId: actor.id, kind, on });
  });
}
