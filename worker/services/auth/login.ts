import { eq } from "drizzle-orm";
import type { ServiceContext } from "../../context";
import { users } from "../../db/users";
import { ApiError } from "../../errors";
import { refuseWhenSsoMandatory } from "../sso/settings";
import { presentProfile, type Profile } from "../users/present";
import { verifyPassword } from "./passwords";
import { sessionInsert } from "./sessions";
import { assertNotThrottled, clearFailures, recordFailure, throttleKeys } from "./throttle";

export type LoginInput = { email: string; password: string };

/**
 * Signs a member in with a brand-new session token. An unknown email, a wrong password and a deactivated member get the
 * same answer after the same work (a decoy hash is verified when there is no member).
 */
export async function login(ctx: ServiceContext, input: LoginInput, address: string): Promise<{ user: Profile; token: string }> {
  const now = Date.now();
  const keys = throttleKeys(input.email, address);
  // Two D1 round trips (issue 13), on a success as on a refusal: the throttle, the single sign-on configuration and the
  // member are read together, then the session (or the failure) is written. Their answers keep their order: 429 first,
  // then 403, then the password's check.
  const throttled = assertNotThrottled(ctx, keys, now);
  // Single sign-on made mandatory for this email's domain: no password sign-in (403 forbidden, pointing to SSO).
  const ssoOnly = refuseWhenSsoMandatory(ctx, input.email);
  const reading = ctx.db.select().from(users).where(eq(users.email, input.email)).get();
  // Answered below in that order: a rejection of a later one is not left unhandled while an earlier one answers.
  ssoOnly.catch(() => {});
  reading.catch(() => {});
  await throttled;
  await ssoOnly;
  const row = await reading;
  const ok = await verifyPassword(input.password, row?.passwordHash ?? null);
  if (!row || !ok || row.deactivatedAt !== null) {
    await recordFailure(ctx, keys, now);
    throw new ApiError("invalid_credentials", "Wrong email or password");
  }
  const session = await sessionInsert(ctx, row.id, now);
  await ctx.db.batch([session.insert, clearFailures(ctx, keys)]);
  return { user: presentProfile(row), token: session.token };
}
