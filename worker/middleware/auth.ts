import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { charterPending, type Actor, type AppEnv } from "../context";
import { ApiError } from "../errors";
import { SESSION_COOKIE, actorFromSession } from "../services/auth/sessions";

/** Sets `c.var.actor` from the session cookie when there is a valid one; never refuses by itself. */
export const sessionActor = createMiddleware<AppEnv>(async (c, next) => {
  const token = getCookie(c, SESSION_COOKIE);
  if (token) c.set("actor", await actorFromSession(c.var.ctx, token));
  await next();
});

/** Routes a member may use while a newer charter waits for their acceptance (API.md "Identity"). */
const CHARTER_EXEMPT = [/^\/api\/v1\/auth\//, /^\/api\/v1\/me$/, /^\/api\/v1\/charter(\/accept)?$/, /^\/api\/v1\/openapi\.json$/];

/** Refuses a cookie session whose member has not accepted the current charter, outside the exempt routes. */
export const charterGate = createMiddleware<AppEnv>(async (c, next) => {
  const actor = c.var.actor;
  if (actor && actor.via === "session" && charterPending(actor) && !CHARTER_EXEMPT.some((re) => re.test(c.req.path))) {
    throw new ApiError("charter_required", "Please accept the current ethics charter first", { version: actor.currentCharter });
  }
  await next();
});

export function requireActor(actor: Actor | null): Actor {
  if (!actor) throw new ApiError("unauthenticated", "Please sign in");
  return actor;
}

export function requireAdmin(actor: Actor | null): Actor {
  const a = requireActor(actor);
  if (a.role !== "admin") throw new ApiError("forbidden", "Administrators only");
  return a;
}
