import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../context";
import { ApiError } from "../errors";

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; img-src 'self' data: blob:; style-src 'self'; connect-src 'self'";

/** Security headers of ARCHITECTURE.md: nosniff everywhere, the strict CSP on every HTML answer. */
export const securityHeaders = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  c.res.headers.set("X-Content-Type-Options", "nosniff");
  c.res.headers.set("Referrer-Policy", "same-origin");
  if (c.res.headers.get("Content-Type")?.includes("text/html")) {
    c.res.headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    c.res.headers.set("X-Frame-Options", "DENY");
  }
});

const MUTATIONS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** CSRF defence (API.md): a mutation whose Origin is present and not the network's own is refused, whatever its type. */
export const originCheck = createMiddleware<AppEnv>(async (c, next) => {
  if (MUTATIONS.has(c.req.method)) {
    const origin = c.req.header("Origin");
    if (origin !== undefined && origin !== c.var.ctx.origin) {
      throw new ApiError("forbidden", "Cross-origin request refused");
    }
  }
  await next();
});
