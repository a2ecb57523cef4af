import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../context";
import { ApiError } from "../errors";

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; img-src 'self' data: blob:; style-src 'self'; connect-src 'self'";

/**
 * Security headers of ARCHITECTURE.md: nosniff everywhere, the strict CSP on every HTML answer; and no cache, shared or
 * the browser's, keeps an API answer (it is about someone, or says who may see what) unless the route chose its own
 * (a file's bytes, keyed by an id that never changes).
 */
export const securityHeaders = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  if (c.req.path.startsWith("/api/") && !c.res.headers.has("Cache-Control")) c.res.headers.set("Cache-Control", "private, no-store");
  c.res.headers.set("X-Content-Type-Options", "nosniff");
  c.res.headers.set("Referrer-Policy", "same-origin");
  if (c.res.headers.get("Content-Type")?.includes("text/html")) {
    c.res.headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    c.res.headers.set("X-Frame-Options", "DENY");
  }
});

/**
 * The longest address the Worker reads, in characters of the whole URL (percent-encoded, as received): longer ones are
 * answered 414 at once, before any session lookup or validation. No route needs more (a search is 200 characters).
 */
export const MAX_URL_CHARS = 8192;

export const urlLimit = createMiddleware<AppEnv>(async (c, next) => {
  if (c.req.url.length > MAX_URL_CHARS) throw new ApiError("uri_too_long", `This address is longer than ${MAX_URL_CHARS.toLocaleString("en")} characters`);
  await next();
});

const MUTATIONS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * CSRF defence (API.md): a mutation whose Origin is present and not the network's own is refused, whatever its type.
 * A request that carries `Authorization: Bearer` is authenticated by its token alone (auth.ts ignores the cookie then,
 * and refuses a bad token with 401), so no browser can forge it from a cookie: it skips the check.
 */
export const originCheck = createMiddleware<AppEnv>(async (c, next) => {
  if (MUTATIONS.has(c.req.method) && !/^Bearer\s/i.test(c.req.header("Authorization") ?? "")) {
    const origin = c.req.header("Origin");
    if (origin !== undefined && origin !== c.var.ctx.origin) {
      throw new ApiError("forbidden", "Cross-origin request refused");
    }
  }
  await next();
});
