import { and, eq } from "drizzle-orm";
import type { Actor, ServiceContext } from "../../context";
import { threadFollows } from "../../db/conversation";
import { loadPost } from "../posts/posts";

/**
 * Following and muting a post's thread. One row of thread_follows per member and post holds both: a row is a follow,
 * a row marked `muted` is a mute. Writing the post or commenting adds a follow (a muted row stays muted); following
 * unmutes; unfollowing leaves a mute alone; unmuting turns the mute back into a follow (whoever mutes was in the
 * thread, as its author or a commenter, and unmuting asks for its news again). Any reader of the post may do either:
 * the post's own visibility decides (404 otherwise), and the notifications still go only to those who may read it.
 */
export async function setThreadStanding(ctx: ServiceContext, actor: Actor, postId: string, standing: "follow" | "mute", on: boolean): Promise<void> {
  await loadPost(ctx, actor, postId);
  const mine = and(eq(threadFollows.postId, postId), eq(threadFollows.userId, actor.id));
  const muted = standing === "mute";
  if (on) {
    await ctx.db
      .insert(threadFollows)
      .values({ postId, userId: actor.id, createdAt: Date.now(), muted })
      .onConflictDoUpdate({ target: [threadFollows.postId, threadFollows.userId], set: { muted } });
  } else if (muted) {
    await ctx.db.update(threadFollows).set({ muted: false }).where(mine);
  } else {
    await ctx.db.delete(threadFollows).where(and(mine, eq(threadFollows.muted, false)));
  }
}
