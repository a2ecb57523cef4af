import { getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { serviceContext, type AppEnv } from "../context";
import { validBookmark } from "../db/trips";
import { newId } from "../lib/ids";
import { SESSION_COOKIE } from "../services/auth/sessions";
import { SPARE_REQUESTS, VERIFIED_FIRST } from "./auth";

/** The D1 session bookmark: answered in this header, and sent back by clients that do not keep cookies (API tokens). */
export const BOOKMARK_HEADER = "X-D1-Bookmark";
/** Every answer: when its request began, in milliseconds (the client's home feed reads it by this name too). */
export const REQUEST_TIME_HEADER = "X-Request-Time";
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

/** What a request run again after a wrong guess (auth.ts) takes over from its first run. */
type FirstRun = { requestId: string; bookmark: string | null; trips: number };
const firstRuns = new WeakMap<Request, FirstRun>();

type Dispatch = (req: Request, env: Env, ec: ExecutionContext) => Response | Promise<Response>;
let again: Dispatch | undefined;

/** The app a request whose guess was wrong runs through again (worker/app.ts registers itself). */
export function runAgainThrough(dispatch: Dispatch) {
  again = dispatch;
}

/**
 * Gives every request an id (answered in X-Request-Id and error bodies, written in logs) and its service context, its
 * D1 session, and the headers every answer carries: `Server-Timing` (D1 rows read and sequential round trips) and the
 * session's bookmark (header and cookie). Errors too: the error handler has answered by the time `next()` returns.
 */
export const requestContext = createMiddleware<AppEnv>(async (c, next) => {
  const first = firstRuns.get(c.req.raw);
  const requestId = first?.requestId ?? c.req.header("cf-ray") ?? newId("req");
  c.set("requestId", requestId);
  c.set("actor", null);
  const carried = getCookie(c, BOOKMARK_COOKIE);
  const start = first?.bookmark ?? sessionStart(c.req.method, c.req.header(BOOKMARK_HEADER), carried);
  const ctx0 = serviceContext(c.env, c.req.url, requestId, start);
  try {
    const ec = c.executionCtx;
    ctx0.defer = (work) => ec.waitUntil(work);
  } catch {
    // No execution context (a test calling the app directly): what is deferred is awaited instead.
  }
  c.set("ctx", ctx0);
  const started = Date.now();
  await next();
  const { ctx } = c.var;
  if (c.var.speculation === "missed") {
    // The answer was for the member the hint named, not the session's: thrown away, the request runs again from the
    // start, after the session check this time, in the same D1 session (its round trips add to these).
    // A write's body was read by its first run: its second runs from the copy kept before (auth.ts SPARE_REQUESTS).
    const raw = new Request(SPARE_REQUESTS.get(c.req.raw) ?? c.req.raw);
    VERIFIED_FIRST.add(raw);
    // Only the first run's trip count carries over: its rows read depend on the data of the member it ran as, who is not
    // the caller, so they are not told.
    firstRuns.set(raw, { requestId, bookmark: ctx.d1.getBookmark() ?? start, trips: ctx.stats.trips });
    if (!again) throw new Error("no app to run the request again through");
    c.res = await again(raw, c.env, c.executionCtx as ExecutionContext);
    return;
  }
  c.header("X-Request-Id", requestId);
  // When the request began, in milliseconds of the server's clock (the one ids are made with): the home feed tells by
  // it which of its live room's replayed news were written after its page was read (web/src/features/home/home.tsx).
  c.header(REQUEST_TIME_HEADER, String(started));
  const rowsRead = ctx.stats.rowsRead;
  const trips = ctx.stats.trips + (first?.trips ?? 0);
  if (c.req.path.startsWith("/api/")) {
    c.header("Server-Timing", `d1-rows;desc="D1 rows read";dur=${rowsRead}, d1-trips;desc="D1 round trips";dur=${trips}`);
    const bookmark = ctx.d1.getBookmark() ?? (start.startsWith("first-") ? null : start);
    if (bookmark) {
      c.header(BOOKMARK_HEADER, bookmark);
      // The cookie follows the writes that succeeded (what read-your-writes is about): a 2xx answer, or one that starts
      // a session (a sign-in's redirect: the next page must find the session). A refusal writes nothing to read back.
      const startsSession = c.res.headers.getSetCookie().some((v) => v.startsWith(`${SESSION_COOKIE}=`) && !/Max-Age=0/i.test(v));
      if (bookmark !== carried && ctx.stats.wrote && ((c.res.status >= 200 && c.res.status < 300) || startsSession)) {
        setCookie(c, BOOKMARK_COOKIE, bookmark, { path: "/", httpOnly: true, secure: new URL(ctx.origin).protocol === "https:", sameSite: "Lax" });
      }
    }
  }
  if (c.res.status >= 500 || (ctx.config.ACCESS_LOG === "all" && c.req.path.startsWith("/api/"))) {
    console.log(JSON.stringify({ requestId, method: c.req.method, path: c.req.path, status: c.res.status, ms: Date.now() - started }));
  }
});
