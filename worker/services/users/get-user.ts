import { and, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Actor, ServiceContext } from "../../context";
import { groupMembers } from "../../db/groups";
import { users } from "../../db/users";
import { NotFoundError } from "../../errors";
import { presentMember, presentProfile, type MemberSummary, type Profile } from "./present";

export async function getMemberSummary(ctx: ServiceContext, id: string): Promise<MemberSummary | null> {
  const row = await ctx.db
    .select({ id: users.id, handle: users.handle, name: users.name, location: users.location, timezone: users.timezone, avatarKey: users.avatarKey })
    .from(users)
    .where(eq(users.id, id))
    .get();
  return row ? presentMember(row) : null;
}

/**
 * One member's profile as the caller may see it: 404 for a guest asking about someone who shares no group with them,
 * and guests never see others' phone or email.
 */
export async function getProfile(ctx: ServiceContext, actor: Actor, id: string): Promise<Profile> {
  const row = await ctx.db.select().from(users).where(eq(users.id, id)).get();
  if (!row) throw new NotFoundError("No such member");
  const self = row.id === actor.id;
  if (!self && actor.role === "guest" && !(await sharesGroup(ctx, actor.id, row.id))) throw new NotFoundError("No such member");
  if (!self && row.deactivatedAt !== null && actor.role !== "admin") throw new NotFoundError("No such member");
  return presentProfile(row, { contact: self || actor.role !== "guest" });
}

async function sharesGroup(ctx: ServiceContext, a: string, b: string): Promise<boolean> {
  const mine = alias(groupMembers, "mine");
  const theirs = alias(groupMembers, "theirs");
  const row = await ctx.db
    .select({ one: sql<number>`1` })
    .from(mine)
    .innerJoin(theirs, and(eq(theirs.groupId, mine.groupId), eq(theirs.userId, b), eq(theirs.state, "member")))
    .where(and(eq(mine.userId, a), eq(mine.state, "member")))
    .limit(1)
    .get();
  return row !== undefined;
}
