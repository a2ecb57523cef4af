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
export async function setThreadFollow(ctx: ServiceContext, actor: Actor, postId: string, on: boolean): Promise<void> {
  await loadPost(ctx, actor, postId);
  if (on) {
    await ctx.db
      .insert(threadFollows)
      .values({ postId, userId: actor.id, createdAt: Date.now(), muted: false })
      .onConflictDoUpdate({ target: [threadFollows.postId, threadFollows.userId], set: { muted: false } });
  } else {
    await ctx.db.delete(threadFollows).where(and(eq(threadFollows.postId, postId), eq(threadFollows.userId, actor.id), eq(threadFollows.muted, false)));
  }
}

/** Mutes (or unmutes) a post's thread for the caller; see {@link setThreadFollow}. */
export async function setThreadMute(ctx: ServiceContext, actor: Actor, postId: string, on: boolean): Promise<void> {
  await loadPost(ctx, actor, postId);
  if (on) {
    await ctx.db
      .insert(threadFollows)
      .values({ postId, userId: actor.id, createdAt: Date.now(), muted: true })
      .onConflictDoUpdate({ target: [threadFollows.postId, threadFollows.userId], set: { muted: true } });
  } else {
    await ctx.db.update(threadFollows).set({ muted: false }).where(and(eq(threadFollows.postId, postId), eq(threadFollows.userId, actor.id)));
  }
}
