import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../context";
import { ApiError } from "../errors";
import { SESSION_COOKIE, actorFromSession } from "../services/auth/sessions";
import { actorFromToken } from "../services/auth/tokens";

/** The token of an `Authorization: Bearer …` header, or null when there is none (other schemes are not ours: ignored). */
export function bearerToken(header: string | undefined): string | null {
  if (header === undefined || !/^Bearer\s/i.test(header)) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!m) throw new ApiError("unauthenticated", "The Authorization header must be `Bearer <token>`");
  return m[1];
}

/**
 * Sets `c.var.actor`: from an API token when the request carries `Authorization: Bearer` (the cookie is then ignored,
 * and a token that is not valid answers 401 at once, even on a public route: a presented credential is never silently
 * dropped), otherwise from the session cookie when there is a valid one (never refusing by itself).
 */
export const sessionActor = createMiddleware<AppEnv>(async (c, next) => {
  const bearer = bearerToken(c.req.header("Authorization"));
  if (bearer !== null) {
    c.set("actor", await actorFromToken(c.var.ctx, bearer));
  } else {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) c.set("actor", await actorFromSession(c.var.ctx, token));
  }
  await next();
});
