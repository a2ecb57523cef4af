import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { ROLES } from "../../contract/enums";
import type { Actor, AppEnv } from "../context";
import { ApiError } from "../errors";
import { SESSION_COOKIE, SESSION_TTL_MS, actorFromSession } from "../services/auth/sessions";
import { actorFromToken } from "../services/auth/tokens";

/** The token of an `Authorization: Bearer …` header, or null when there is none (other schemes are not ours: ignored). */
export function bearerToken(header: string | undefined): string | null {
  if (header === undefined || !/^Bearer\s/i.test(header)) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!m) throw new ApiError("unauthenticated", "The Authorization header must be `Bearer <token>`");
  return m[1];
}

/**
 * Who the session was, last time: an HttpOnly cookie the Worker sets beside the session's, holding the member as the
 * session check last found them. It is only ever a guess (anyone may forge it): it lets the hot reads start their D1
 * work together with the session check, and that work is thrown away whenever the check finds someone else.
 */
export const ACTOR_HINT_COOKIE = "comptoir_who";

/**
 * The reads that start before the session check answers (issue 13: one D1 round trip for the session check and the
 * data): GET routes only, one row each. Writes they make wait for the check (worker/db/trips.ts holdWritesUntil).
 */
const SPECULATIVE_READS: readonly RegExp[] = [
  /^\/api\/v1\/me$/,
  /^\/api\/v1\/feed$/,
  /^\/api\/v1\/groups\/[^/]+$/,
  /^\/api\/v1\/groups\/[^/]+\/posts$/,
  /^\/api\/v1\/posts\/[^/]+$/,
  /^\/api\/v1\/posts\/[^/]+\/comments$/,
  /^\/api\/v1\/notifications$/,
  /^\/api\/v1\/search$/,
  /^\/api\/v1\/users$/,
];

/**
 * The everyday writes that start too before the session check answers (issue 13: at most two D1 round trips, the
 * session check with the reads the rules need, then the writes): their reads travel with the check, their writes wait
 * for it, and a wrong guess runs them again from the start (with a copy of their body, kept for that: small JSON, a
 * CSV of 256 KB or an image of 2 MB at most). What they do outside D1 (an upload to R2) waits for the check too
 * (`ctx.d1.writesAllowed()`, worker/db/trips.ts).
 */
const SPECULATIVE_WRITES: readonly [string, RegExp][] = [
  ["POST", /^\/api\/v1\/groups\/[^/]+\/posts$/],
  ["POST", /^\/api\/v1\/posts\/[^/]+\/comments$/],
  ["PUT", /^\/api\/v1\/(posts|comments)\/[^/]+\/reactions\/[^/]+$/],
  ["DELETE", /^\/api\/v1\/(posts|comments)\/[^/]+\/reactions\/[^/]+$/],
  ["PATCH", /^\/api\/v1\/(posts|comments)\/[^/]+$/],
  ["POST", /^\/api\/v1\/posts\/[^/]+\/read$/],
  ["PUT", /^\/api\/v1\/comments\/[^/]+\/vote$/],
  ["DELETE", /^\/api\/v1\/comments\/[^/]+\/vote$/],
  ["PUT", /^\/api\/v1\/ideas\/[^/]+\/support$/],
  ["DELETE", /^\/api\/v1\/ideas\/[^/]+\/support$/],
  ["POST", /^\/api\/v1\/posts\/[^/]+\/accept$/],
  ["POST", /^\/api\/v1\/campaigns$/],
  ["PATCH", /^\/api\/v1\/campaigns\/[^/]+$/],
  ["POST", /^\/api\/v1\/(campaigns|groups)\/[^/]+\/ideas$/],
  ["PATCH", /^\/api\/v1\/ideas\/[^/]+\/status$/],
  ["POST", /^\/api\/v1\/ideas\/[^/]+\/merge$/],
  ["PUT", /^\/api\/v1\/groups\/[^/]+\/(promise|support-members)$/],
  ["POST", /^\/api\/v1\/(groups|posts)\/[^/]+\/faq$/],
  ["PATCH", /^\/api\/v1\/faq\/[^/]+$/],
  ["DELETE", /^\/api\/v1\/faq\/[^/]+$/],
  ["POST", /^\/api\/v1\/groups\/[^/]+\/library$/],
  ["POST", /^\/api\/v1\/library\/[^/]+\/versions$/],
  ["DELETE", /^\/api\/v1\/library\/[^/]+$/],
  ["PUT", /^\/api\/v1\/me\/coffee-pairing$/],
  ["POST", /^\/api\/v1\/office-hours$/],
  ["DELETE", /^\/api\/v1\/office-hours\/[^/]+$/],
  ["POST", /^\/api\/v1\/admin\/coffee\/pairing\/run$/],
  ["PUT", /^\/api\/v1\/posts\/[^/]+\/(follow|mute)$/],
  ["DELETE", /^\/api\/v1\/posts\/[^/]+\/(follow|mute)$/],
  ["PUT", /^\/api\/v1\/posts\/[^/]+\/pin$/],
  ["DELETE", /^\/api\/v1\/posts\/[^/]+\/pin$/],
  ["DELETE", /^\/api\/v1\/(posts|comments)\/[^/]+$/],
  ["PUT", /^\/api\/v1\/posts\/[^/]+\/rating$/],
  ["POST", /^\/api\/v1\/(posts|comments)\/[^/]+\/(report|hide|restore)$/],
  ["PUT", /^\/api\/v1\/groups\/[^/]+\/notifications$/],
  ["POST", /^\/api\/v1\/groups\/[^/]+\/leave$/],
  ["PATCH", /^\/api\/v1\/me\/profile$/],
  ["PATCH", /^\/api\/v1\/groups\/[^/]+$/],
  ["POST", /^\/api\/v1\/groups\/[^/]+\/members$/],
  ["DELETE", /^\/api\/v1\/groups\/[^/]+\/members\/[^/]+$/],
  ["PUT", /^\/api\/v1\/groups\/[^/]+\/cover$/],
  ["DELETE", /^\/api\/v1\/groups\/[^/]+\/cover$/],
  ["POST", /^\/api\/v1\/groups\/[^/]+\/hooks$/],
  ["DELETE", /^\/api\/v1\/groups\/[^/]+\/hooks\/[^/]+$/],
  ["POST", /^\/api\/v1\/admin\/invitations(\/bulk)?$/],
  ["POST", /^\/api\/v1\/admin\/users\/[^/]+\/(deactivate|reactivate)$/],
  ["PATCH", /^\/api\/v1\/admin\/members\/[^/]+$/],
  ["DELETE", /^\/api\/v1\/admin\/members\/[^/]+$/],
  ["PUT", /^\/api\/v1\/admin\/(settings|sso)$/],
  ["DELETE", /^\/api\/v1\/me$/],
];

/** A speculating write's copy of itself, body included, for its second run should the guess be wrong. */
export const SPARE_REQUESTS = new WeakMap<Request, Request>();

function speculates(method: string, path: string): boolean {
  if (method === "GET") return SPECULATIVE_READS.some((r) => r.test(path));
  return SPECULATIVE_WRITES.some(([m, r]) => m === method && r.test(path));
}

/** Requests that never speculate: the second run of one whose guess was wrong (worker/middleware/request-context.ts). */
export const VERIFIED_FIRST = new WeakSet<Request>();

const ACTOR_KEYS = ["id", "role", "handle", "name", "locale", "charterVersion", "currentCharter"] as const;

function encodeHint(actor: Actor): string {
  const json = JSON.stringify(ACTOR_KEYS.map((k) => actor[k]));
  return btoa(String.fromCharCode(...new TextEncoder().encode(json))).replaceAll("+", "-").replaceAll("/", "_").replaceAll("=", "");
}

/** The hint's member, or null for anything malformed (never an error). */
export function decodeHint(value: string | undefined): Actor | null {
  if (!value || value.length > 2000 || !/^[A-Za-z0-9_-]+$/.test(value)) return null;
  try {
    // A plain loop: Uint8Array.from(string, mapFn) iterates the string and calls the function per character, the
    // slow generic path (it showed in the feed's CPU profile, bench/README.md "The request path", session 12).
    const binary = atob(value.replaceAll("-", "+").replaceAll("_", "/"));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    const [id, role, handle, name, locale, charterVersion, currentCharter] = JSON.parse(new TextDecoder().decode(bytes)) as unknown[];
    const version = (v: unknown) => v === null || (typeof v === "number" && Number.isInteger(v));
    if (typeof id !== "string" || !ROLES.includes(role as Actor["role"]) || typeof handle !== "string" || typeof name !== "string") return null;
    if ((locale !== "en" && locale !== "fr") || !version(charterVersion) || !version(currentCharter)) return null;
    return { id, role: role as Actor["role"], handle, name, locale, charterVersion: charterVersion as number | null, currentCharter: currentCharter as number | null, via: "session" };
  } catch {
    return null;
  }
}

function sameActor(a: Actor | null, b: Actor): boolean {
  return a !== null && ACTOR_KEYS.every((k) => a[k] === b[k]);
}

/** Keeps the hint cookie in step with the session check's answer (set, changed, or removed with the session). */
function keepHint(c: Context<AppEnv>, carried: string | undefined, actor: Actor | null) {
  if (actor === null) {
    if (carried !== undefined) deleteCookie(c, ACTOR_HINT_COOKIE, { path: "/" });
    return;
  }
  const value = encodeHint(actor);
  if (value !== carried) {
    setCookie(c, ACTOR_HINT_COOKIE, value, { path: "/", httpOnly: true, sameSite: "Lax", secure: new URL(c.var.ctx.origin).protocol === "https:", maxAge: SESSION_TTL_MS / 1000 });
  }
}

/**
 * Sets `c.var.actor`: from an API token when the request carries `Authorization: Bearer` (the cookie is then ignored,
 * and a token that is not valid answers 401 at once, even on a public route: a presented credential is never silently
 * dropped), otherwise from the session cookie when there is a valid one (never refusing by itself).
 *
 * A hot read (SPECULATIVE_READS) or an everyday write (SPECULATIVE_WRITES) with a session cookie and a well-formed hint runs as the hinted member while the
 * session check is in flight, so that its first D1 reads travel together with the check; its writes wait for the
 * check. When the check finds anyone else (no live session, another role, a newer charter…), that answer is thrown
 * away and the request runs again from the start with the checked member (`c.var.speculation` = "missed").
 */
export const sessionActor = createMiddleware<AppEnv>(async (c, next) => {
  const bearer = bearerToken(c.req.header("Authorization"));
  if (bearer !== null) {
    c.set("actor", await actorFromToken(c.var.ctx, bearer));
    await next();
    return;
  }
  const token = getCookie(c, SESSION_COOKIE);
  const carried = getCookie(c, ACTOR_HINT_COOKIE);
  const speculative = token && !VERIFIED_FIRST.has(c.req.raw) && speculates(c.req.method, c.req.path);
  const hint = speculative ? decodeHint(carried) : null;
  if (token && hint) {
    if (c.req.method !== "GET") SPARE_REQUESTS.set(c.req.raw, c.req.raw.clone());
    const checking = actorFromSession(c.var.ctx, token);
    c.var.ctx.d1.holdWritesUntil(
      checking.then((actor) => {
        if (!sameActor(actor, hint)) throw new ApiError("unauthenticated", "The session is not the one this request was started for");
      }),
    );
    c.set("actor", hint);
    await next();
    const actor = await checking;
    if (!sameActor(actor, hint)) {
      c.set("speculation", "missed");
      return;
    }
    keepHint(c, carried, actor);
    return;
  }
  if (token) c.set("actor", await actorFromSession(c.var.ctx, token));
  await next();
  if (token) keepHint(c, carried, c.var.actor);
});
