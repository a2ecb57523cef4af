import { and, desc, eq, gt, sql, type SQL } from "drizzle-orm";
import type { ServiceContext } from "../../context";
import { loginFailures } from "../../db/users";
import { ApiError } from "../../errors";

/** Keys of the login throttle: one per email (known or not) and one per client address (API.md). */
export function throttleKeys(email: string, address: string) {
  return { email: `email:${email}`, address: `addr:${address}` };
}

/**
 * {@link throttleKeys} of a member known by id, for {@link assertNotThrottled}: their email's key is read in the
 * statement that checks it (SQL), so that the check does not wait for a read of the email first.
 */
export function memberThrottleKeys(memberId: string, address: string): { email: SQL; address: string } {
  const { email: prefix, address: key } = throttleKeys("", address);
  return { email: sql`${prefix} || coalesce((SELECT email FROM users WHERE id = ${memberId}), '')`, address: key };
}

/**
 * Refuses with 429 while either key has reached its limit of failures within the window. `Retry-After` is when the
 * failure that filled the limit leaves the window. One batch reads both keys. The email's key may be SQL (the key of a
 * member's email read in the same statement, so that the check does not wait for a read of the email first).
 */
export async function assertNotThrottled(ctx: ServiceContext, keys: { email: string | SQL; address: string }, now = Date.now()) {
  const { LOGIN_MAX_FAILS_PER_EMAIL: maxEmail, LOGIN_MAX_FAILS_PER_ADDRESS: maxAddress, LOGIN_WINDOW_SECONDS } = ctx.config;
  const since = now - LOGIN_WINDOW_SECONDS * 1000;
  const limiting = (key: string | SQL, max: number) =>
    ctx.db
      .select({ at: loginFailures.at })
      .from(loginFailures)
      .where(and(eq(loginFailures.key, key), gt(loginFailures.at, since)))
      .orderBy(desc(loginFailures.at))
      .limit(1)
      .offset(max - 1);
  const [byEmail, byAddress] = await ctx.db.batch([limiting(keys.email, maxEmail), limiting(keys.address, maxAddress)]);
  const filled = [byEmail[0]?.at, byAddress[0]?.at].filter((at): at is number => at !== undefined);
  if (filled.length > 0) {
    const retryAfter = Math.max(1, Math.ceil((Math.max(...filled) + LOGIN_WINDOW_SECONDS * 1000 - now) / 1000));
    throw new ApiError("rate_limited", "Too many failed sign-ins; try again later", { retryAfter }, { "Retry-After": String(retryAfter) });
  }
}

export function recordFailure(ctx: ServiceContext, keys: { email: string; address: string }, now = Date.now()) {
  return ctx.db.insert(loginFailures).values([
    { key: keys.email, at: now },
    { key: keys.address, at: now },
  ]);
}

export function clearFailures(ctx: ServiceContext, keys: { email: string }) {
  return ctx.db.delete(loginFailures).where(eq(loginFailures.key, keys.email));
}
