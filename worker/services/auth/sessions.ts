import { and, eq, gt, isNull, lt, sql, type Placeholder, type SQL } from "drizzle-orm";
import { preparedOnce } from "../../db/prepared";
import type { Actor, ServiceContext } from "../../context";
import { currentCharterVersion, loginFailures, sessions, users } from "../../db/users";
import { hashSecret, newSecret } from "../../lib/ids";
import { presentMember, type MemberSummary } from "../users/present";

export const SESSION_COOKIE = "comptoir_session";
export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;

/**
 * A fresh random token for a member; only its hash is stored. Returns the insert to batch with other writes. `ssoAt`
 * marks a session begun through single sign-on (erasure accepts it as a recent sign-in).
 */
export async function sessionInsert(ctx: ServiceContext, userId: string, now = Date.now(), options: { ssoAt?: number } = {}) {
  const token = newSecret();
  const insert = ctx.db.insert(sessions).values({
    tokenHash: await hashSecret(token),
    userId,
    createdAt: now,
    expiresAt: now + SESSION_TTL_MS,
    ssoAt: options.ssoAt ?? null,
  });
  return { token, insert };
}

/** What a live session is: its token's hash, not expired, its member not deactivated. The one place that says so. */
async function liveSession(token: string, now: number) {
  return liveRule(await hashSecret(token), now);
}

/** {@link liveSession} over a token's hash and a time, values or placeholders. */
function liveRule(tokenHash: string | Placeholder, now: number | Placeholder) {
  return and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now), isNull(users.deactivatedAt));
}

const ACTOR_COLUMNS = {
  id: users.id,
  role: users.role,
  handle: users.handle,
  name: users.name,
  locale: users.locale,
  charterVersion: users.charterVersion,
  currentCharter: currentCharterVersion,
};

/**
 * The session check's statement, built once per isolate (worker/db/prepared.ts: it runs on every request), over the
 * same rule as every other reader of a session ({@link liveRule}).
 */
const ACTOR_BY_SESSION = preparedOnce((db) =>
  db.select(ACTOR_COLUMNS).from(sessions).innerJoin(users, eq(users.id, sessions.userId)).where(liveRule(sql.placeholder("tokenHash"), sql.placeholder("now"))),
);

/** The member behind a session token, in one query that also reads the current charter version. */
export async function actorFromSession(ctx: ServiceContext, token: string, now = Date.now()): Promise<Actor | null> {
  const row = await ACTOR_BY_SESSION(ctx.d1).get({ tokenHash: await hashSecret(token), now });
  return row ? { ...row, via: "session" } : null;
}

/**
 * The member behind a session token and their summary (what a live room shows of them), in the same one query as
 * {@link actorFromSession} with the summary's columns added.
 */
export async function actorAndSummaryFromSession(ctx: ServiceContext, token: string, now = Date.now()): Promise<{ actor: Actor; member: MemberSummary } | null> {
  const row = await ctx.db
    .select({ ...ACTOR_COLUMNS, location: users.location, timezone: users.timezone, avatarKey: users.avatarKey })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(await liveSession(token, now))
    .get();
  if (!row) return null;
  const { location, timezone, avatarKey, ...actor } = row;
  return { actor: { ...actor, via: "session" }, member: presentMember(row) };
}

/**
 * {@link actorAndSummaryFromSession} with more columns read in the same one statement: a room's record and my right to
 * it (correlated sub-queries that may name `users.id`, the member behind the session), so that a room's join costs one
 * D1 round trip. `extra` is null when the session is not live.
 */
export async function actorAndSummaryWith<X extends Record<string, SQL>>(
  ctx: ServiceContext,
  token: string,
  extraColumns: X,
  now = Date.now(),
): Promise<{ actor: Actor; member: MemberSummary; extra: { [K in keyof X]: X[K] extends SQL<infer T> ? T : never } } | null> {
  const row = await ctx.db
    .select({ actor: { ...ACTOR_COLUMNS, location: users.location, timezone: users.timezone, avatarKey: users.avatarKey }, extra: extraColumns })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(await liveSession(token, now))
    .get();
  if (!row) return null;
  const { location, timezone, avatarKey, ...actor } = row.actor;
  return { actor: { ...actor, via: "session" }, member: presentMember(row.actor), extra: row.extra as never };
}

export async function endSession(ctx: ServiceContext, token: string): Promise<void> {
  await ctx.db.delete(sessions).where(eq(sessions.tokenHash, await hashSecret(token)));
}

/** Cron: deletes expired sessions and the login failures that fell out of the throttle window, in one batch. */
export async function sweepSessions(ctx: ServiceContext, now: number): Promise<{ sessions: number; failures: number }> {
  const [s, f] = await ctx.db.batch([
    ctx.db.delete(sessions).where(lt(sessions.expiresAt, now)),
    ctx.db.delete(loginFailures).where(lt(loginFailures.at, now - ctx.config.LOGIN_WINDOW_SECONDS * 1000)),
  ]);
  return { sessions: s.meta.changes, failures: f.meta.changes };
}
