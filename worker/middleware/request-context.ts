import { getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { serviceContext, type AppEnv } from "../context";
import { validBookmark } from "../db/trips";
import { newId } from "../lib/ids";

/** The D1 session bookmark: answered in this header, and sent back by clients that do not keep cookies (API tokens). */
export const BOOKMARK_HEADER = "X-D1-Bookmark";
/** The same bookmark for browsers, in an HttpOnly cookie the client never reads. */
export const BOOKMARK_COOKIE = "comptoir_d1";
const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Where a request's D1 session starts (API.md "Always"): after the bookmark the caller carries (its header first, then
 * its cookie), so that it reads at least what it wrote before, whichever replica answers; without one, a read may be
 * served by any replica and a write starts on the primary. A malformed bookmark is ignored.
 */
function sessionStart(method: string, header: string | undefined, cookie: string | undefined): D1SessionBookmark | D1SessionConstraint {
  return validBookmark(header) ?? validBookmark(cookie) ?? (SAFE.has(method) ? "first-unconstrained" : "first-primary");
}

/**
 * Gives every request an id (answered in X-Request-Id and error bodies, written in logs) and its service context, its
 * D1 session, and the headers every answer carries: `Server-Timing` (D1 rows read and sequential round trips) and the
 * session's bookmark (header and cookie). Errors too: the error handler has answered by the time `next()` returns.
 */
export const requestContext = createMiddleware<AppEnv>(async (c, next) => {
  const requestId = c.req.header("cf-ray") ?? newId("req");
  c.set("requestId", requestId);
  c.set("actor", null);
  const carried = getCookie(c, BOOKMARK_COOKIE);
  const start = sessionStart(c.req.method, c.req.header(BOOKMARK_HEADER), carried);
  c.set("ctx", serviceContext(c.env, c.req.url, requestId, start));
  const started = Date.now();
  await next();
  c.header("X-Request-Id", requestId);
  const { ctx } = c.var;
  const { rowsRead, trips } = ctx.stats;
  if (c.req.path.startsWith("/api/")) {
    c.header("Server-Timing", `d1-rows;desc="D1 rows read";dur=${rowsRead}, d1-trips;desc="D1 round trips";dur=${trips}`);
    const bookmark = ctx.d1.getBookmark() ?? (start.startsWith("first-") ? null : start);
    if (bookmark) {
      c.header(BOOKMARK_HEADER, bookmark);
      if (bookmark !== carried) {
        setCookie(c, BOOKMARK_COOKIE, bookmark, { path: "/", httpOnly: true, secure: new URL(c.req.url).protocol === "https:", sameSite: "Lax" });
      }
    }
  }
  if (c.res.status >= 500 || (ctx.config.ACCESS_LOG === "all" && c.req.path.startsWith("/api/"))) {
    console.log(JSON.stringify({ requestId, method: c.req.method, path: c.req.path, status: c.res.status, ms: Date.now() - started }));
  }
});
