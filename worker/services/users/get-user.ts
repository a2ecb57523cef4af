import { eq, sql } from "drizzle-orm";
import { preparedOnce } from "../../db/prepared";
import type { Actor, ServiceContext } from "../../context";
import { users } from "../../db/users";
import { NotFoundError } from "../../errors";
import { maySeeContact, mayViewMemberLazily, sqlSharesGroup } from "../access";
import { presentMember, presentProfile, type MemberSummary, type Profile } from "./present";
import { sqlPart, statement } from "../../lib/sql";

export async function getMemberSummary(ctx: ServiceContext, id: string): Promise<MemberSummary | null> {
  const row = await ctx.db
    .select({ id: users.id, handle: users.handle, name: users.name, location: users.location, timezone: users.timezone, avatarKey: users.avatarKey })
    .from(users)
    .where(eq(users.id, id))
    .get();
  return row ? presentMember(row) : null;
}

/** A member's whole row by id, built once per isolate (worker/db/prepared.ts): `GET /me` reads it on every call. */
const MEMBER_BY_ID = preparedOnce((db) => db.select().from(users).where(eq(users.id, sql.placeholder("id"))));

/**
 * One member's profile as the caller may see it: 404 for a guest asking about someone who shares no group with them,
 * and guests never see others' phone or email.
 */
export async function getProfile(ctx: ServiceContext, actor: Actor, id: string): Promise<Profile> {
  const row = await MEMBER_BY_ID(ctx.d1).get({ id });
  if (!row) throw new NotFoundError("No such member");
  const target = { id: row.id, deactivated: row.deactivatedAt !== null };
  if (!(await mayViewMemberLazily(actor, target, () => sharesGroup(ctx, actor, row.id)))) throw new NotFoundError("No such member");
  return presentProfile(row, { contact: maySeeContact(actor, row.id) });
}

/** Whether the member shares a group with the caller: the members rule's own SQL fact, for this one row. */
async function sharesGroup(ctx: ServiceContext, actor: Actor, id: string): Promise<boolean> {
  const row = await statement(ctx.env.DB, sqlPart`SELECT 1 AS one FROM users u WHERE u.id = ${id} AND ${sqlSharesGroup(actor, "u")}`).first<{ one: number }>();
  return row !== null;
}
