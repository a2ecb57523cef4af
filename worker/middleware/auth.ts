import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../context";
import { SESSION_COOKIE, actorFromSession } from "../services/auth/sessions";

/** Sets `c.var.actor` from the session cookie when there is a valid one; never refuses by itself. */
export const sessionActor = createMiddleware<AppEnv>(async (c, next) => {
  const token = getCookie(c, SESSION_COOKIE);
  if (token) c.set("actor", await actorFromSession(c.var.ctx, token));
  await next();
});
