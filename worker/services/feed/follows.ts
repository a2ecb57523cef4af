import { and, eq } from "drizzle-orm";
import type { Follows, MemberFollow, TagFollow } from "../../../contract/follows";
import type { Actor, ServiceContext } from "../../context";
import { memberFollows, tagFollows } from "../../db/conversation";
import { ValidationError } from "../../errors";
import { getMemberSummary, getProfile } from "../users/get-user";
import { foldTag } from "../../lib/marks";

/** Following a tag brings its posts (from groups the caller may read) into the home feed. */
export async function followTag(ctx: ServiceContext, actor: Actor, tag: string, on: boolean): Promise<TagFollow> {
  const folded = foldTag(tag);
  if (!/^[\p{L}\p{N}_-]{1,50}$/u.test(folded)) throw new ValidationError([{ path: "tag", message: "1–50 letters, digits, _ or -" }]);
  if (on) await ctx.db.insert(tagFollows).values({ userId: actor.id, tag: folded, createdAt: Date.now() }).onConflictDoNothing();
  else await ctx.db.delete(tagFollows).where(and(eq(tagFollows.userId, actor.id), eq(tagFollows.tag, folded)));
  return { tag: folded, following: on };
}

/** Following a member brings their posts (from groups the caller may read) into the home feed. */
export async function followMember(ctx: ServiceContext, actor: Actor, userId: string, on: boolean): Promise<MemberFollow> {
  await getProfile(ctx, actor, userId); // 404 for whom the caller may not see
  if (userId === actor.id) throw new ValidationError([{ path: "userId", message: "You cannot follow yourself" }]);
  if (on) await ctx.db.insert(memberFollows).values({ followerId: actor.id, followeeId: userId, createdAt: Date.now() }).onConflictDoNothing();
  else await ctx.db.delete(memberFollows).where(and(eq(memberFollows.followerId, actor.id), eq(memberFollows.followeeId, userId)));
  return { following: on };
}

/** What the caller follows. */
export async function listFollows(ctx: ServiceContext, actor: Actor): Promise<Follows> {
  const [tags, people] = await ctx.db.batch([
    ctx.db.select({ tag: tagFollows.tag }).from(tagFollows).where(eq(tagFollows.userId, actor.id)),
    ctx.db.select({ id: memberFollows.followeeId }).from(memberFollows).where(eq(memberFollows.followerId, actor.id)),
  ]);
  const members = await Promise.all(people.map((p) => getMemberSummary(ctx, p.id)));
  return { tags: tags.map((t) => t.tag), members: members.filter((m) => m !== null) };
}
