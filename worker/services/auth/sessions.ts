import { and, eq, gt, isNull } from "drizzle-orm";
import type { Actor, ServiceContext } from "../../context";
import { currentCharterVersion, sessions, users } from "../../db/users";
import { hashSecret, newSecret } from "../../lib/ids";

export const SESSION_COOKIE = "comptoir_session";
export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;

/** A fresh random token for a member; only its hash is stored. Returns the insert to batch with other writes. */
export async function sessionInsert(ctx: ServiceContext, userId: string, now = Date.now()) {
  const token = newSecret();
  const insert = ctx.db.insert(sessions).values({
    tokenHash: await hashSecret(token),
    userId,
    createdAt: now,
    expiresAt: now + SESSION_TTL_MS,
  });
  return { token, insert };
}

/** The member behind a session token, in one query that also reads the current charter version. */
export async function actorFromSession(ctx: ServiceContext, token: string, now = Date.now()): Promise<Actor | null> {
  const row = await ctx.db
    .select({
      id: users.id,
      role: users.role,
      handle: users.handle,
      name: users.name,
      locale: users.locale,
      charterVersion: users.charterVersion,
      currentCharter: currentCharterVersion,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, await hashSecret(token)), gt(sessions.expiresAt, now), isNull(users.deactivatedAt)))
    .get();
  return row ? { ...row, via: "session" } : null;
}

export async function endSession(ctx: ServiceContext, token: string): Promise<void> {
  await ctx.db.delete(sessions).where(eq(sessions.tokenHash, await hashSecret(token)));
}
