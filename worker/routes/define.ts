import { createRoute, OpenAPIHono, z, type RouteConfig } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import { ErrorBody } from "../../contract/common";
import { charterPending, type Actor, type AppEnv } from "../context";
import { ApiError, ValidationError } from "../errors";
import { issuesOf, jsonGuard, noBody } from "../lib/validate";
import { isAdministrator } from "../services/access/admin";
import { scopesAllow } from "../services/auth/tokens";

/**
 * How every route is declared: its contract (request and response schemas, from `contract/`), who may call it, and the
 * errors it may answer, in one `createRoute` definition that gives validation, typed handlers and the OpenAPI document
 * at once. Handlers read the caller from `c.var.caller`, set by the access guard the definition carries.
 */

/** public: no session needed; member: any signed-in member (guests included); admin: administrators only. */
export type Access = "public" | "member" | "admin";

type Method = "get" | "post" | "put" | "patch" | "delete";
type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 414 | 415 | 429;
type Caller = { Variables: { caller: Actor } };

/** A sub-app of routes; validation failures answer the documented 400 `validation_failed`. */
export function routes() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw new ValidationError(issuesOf(result.error));
    },
  });
}

/** A JSON answer of the contract. */
export function json<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { "application/json": { schema } } } as const;
}

/** A raw answer (a file, an image): its media types, no schema to check. */
export function binary(description: string, types: string[] = ["application/octet-stream"]) {
  return { description, content: Object.fromEntries(types.map((t) => [t, { schema: z.string().openapi({ format: "binary" }) }])) };
}

/**
 * A raw request's whole body (a file, an image). A body that stops before its end (an upload cancelled, a connection
 * lost) is the request's fault, answered 400, never an internal error: nothing has been written yet.
 */
export async function wholeBody(c: Context): Promise<ArrayBuffer> {
  try {
    return await c.req.arrayBuffer();
  } catch {
    throw new ApiError("bad_request", "The request's body ended before it was complete; send it again");
  }
}

const ERROR_TEXT: Record<ErrorStatus, string> = {
  400: "`bad_request` or `validation_failed` (with the fields in `details`)",
  401: "`unauthenticated` (no valid session, or a Bearer token that is not valid) or `invalid_credentials`",
  403: "`forbidden` (not allowed, a cross-origin mutation, or outside the API token's scopes) or `charter_required`",
  404: "`not_found`, also for what the caller may not see",
  409: "`conflict`",
  413: "`too_large`",
  414: "`uri_too_long` (an address over 8,192 characters)",
  415: "`unsupported_media_type`",
  429: "`rate_limited` (see `Retry-After`)",
};

/** Refuses a cookie session whose member has not accepted the current charter (API.md "Identity"). */
function checkCharter(actor: Actor | null) {
  if (actor && actor.via === "session" && charterPending(actor)) {
    throw new ApiError("charter_required", "Please accept the current ethics charter first", { version: actor.currentCharter });
  }
}

/**
 * An API token's scopes, in this one place for every route (API.md "Integrations"): `read` GET routes, `write` every
 * route but the administrators', `admin` the administrators' routes (only administrators hold it). Outside them: 403.
 */
function checkScopes(actor: Actor | null, access: Access, method: string) {
  if (actor?.via !== "token") return;
  if (!scopesAllow(actor.scopes ?? [], { adminRoute: access === "admin", method })) {
    throw new ApiError("forbidden", "This API token's scopes do not cover this route");
  }
}

function guard(access: Access, charterExempt: boolean): MiddlewareHandler<AppEnv & Caller> {
  return async (c, next) => {
    const actor = c.var.actor;
    if (!charterExempt) checkCharter(actor);
    checkScopes(actor, access, c.req.method);
    if (access !== "public") {
      if (!actor) throw new ApiError("unauthenticated", "Please sign in");
      if (access === "admin" && !isAdministrator(actor)) throw new ApiError("forbidden", "Administrators only");
      c.set("caller", actor);
    }
    await next();
  };
}

function gateOf(gate: (c: Context<AppEnv & Caller>) => Promise<void>, alongside: boolean): MiddlewareHandler<AppEnv & Caller> {
  if (!alongside) {
    return async (c, next) => {
      await gate(c);
      await next();
    };
  }
  return async (c, next) => {
    // The gate's reads travel with the handler's (one D1 round trip, issue 13): its writes wait for the gate's verdict
    // and fail on a refusal, and whatever the handler answered (a 400 on its inputs, a success) gives way to the gate's
    // refusal, so the answers are those of a gate checked first.
    const verdict = gate(c);
    c.var.ctx.d1.holdWritesUntil(verdict);
    await next();
    await verdict;
  };
}

/** A weak validator of an answer's body: the first 16 bytes of its SHA-256, base64url. */
async function weakTag(body: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", body)).slice(0, 16);
  return `W/"${btoa(String.fromCharCode(...digest)).replaceAll("+", "-").replaceAll("/", "_").replaceAll("=", "")}"`;
}

/** `If-None-Match` names `tag` (weak comparison: `W/` ignored on both sides), or is `*`. */
function namesTag(header: string | undefined, tag: string): boolean {
  if (!header) return false;
  const bare = (t: string) => t.trim().replace(/^W\//, "");
  return header.split(",").some((t) => t.trim() === "*" || bare(t) === bare(tag));
}

/**
 * A list's validator (issue 13): a 200 answer gets a weak `ETag` of its body and `Cache-Control: private, no-cache`
 * (the browser keeps it and asks again each time), and a request whose `If-None-Match` names that tag answers 304
 * without a body. It runs inside the access guard and the gate: a refusal is never a 304, whatever the caller sends.
 * The body is computed as always (the D1 trip is the same); what a 304 saves is the transfer and the client's parse.
 */
const etagged: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  if (c.res.status !== 200) return;
  const tag = await weakTag(await c.res.clone().arrayBuffer());
  if (namesTag(c.req.header("If-None-Match"), tag)) {
    c.res = new Response(null, { status: 304, headers: { ETag: tag, "Cache-Control": "private, no-cache" } });
    c.res.headers.delete("Content-Type");
    return;
  }
  c.res.headers.set("ETag", tag);
  c.res.headers.set("Cache-Control", "private, no-cache");
};

type Spec<M extends Method, P extends string, A extends Access, B, Q, R> = {
  method: M;
  path: P;
  summary: string;
  tag: string;
  access: A;
  /** Usable while a newer charter waits for acceptance (sign-in, /me, the charter itself). */
  charterExempt?: boolean;
  /** A JSON body (strict). */
  body?: B;
  /** A raw body instead of JSON (files, images, CSV), by media type. */
  raw?: string[];
  query?: Q;
  responses: R;
  /** Error answers beyond those the access, inputs and path imply. */
  errors?: ErrorStatus[];
  /**
   * A permission that depends on the resource the path names (a group's moderators), checked right after the access
   * guard and before any input is read: who may not call the route learns that first, never which inputs are wrong.
   */
  gate?: (c: Context<AppEnv & Caller>) => Promise<void>;
  /**
   * The gate runs alongside the route's handler instead of before it (issue 13: its reads and the handler's travel in
   * the same D1 round trip). The answers stay those of a gate checked first: the handler's D1 writes wait for the gate
   * and fail on a refusal, and a refusal replaces whatever the handler answered. Only for handlers whose effects are
   * all D1 writes, or come after one, or wait as they do (an upload to R2 waits for `ctx.d1.writesAllowed()`: one
   * before it would stay behind a refusal).
   */
  gateAlongside?: boolean;
  /**
   * A list: the answer carries a weak `ETag` (a digest of its body) and `Cache-Control: private, no-cache`, and a
   * request whose `If-None-Match` names it answers 304 without a body. The access checks run first, as for any answer.
   */
  etag?: boolean;
};

const MUTATIONS = new Set<Method>(["post", "put", "patch", "delete"]);

/** The error answers a route can give, from what it declares. */
function errorStatuses(spec: Spec<Method, string, Access, unknown, unknown, unknown>): ErrorStatus[] {
  const s = new Set<ErrorStatus>(spec.errors ?? []);
  const mutation = MUTATIONS.has(spec.method);
  if (spec.body || spec.query || mutation) s.add(400);
  // Under /api/v1 (relative paths) any request may carry a Bearer token: a bad one is 401, one outside its scopes 403,
  // a busy one 429.
  const v1 = !spec.path.startsWith("/api/");
  if (spec.access !== "public" || v1) s.add(401);
  if (v1) s.add(429);
  if (spec.access === "admin" || mutation || !spec.charterExempt || v1) s.add(403);
  if (spec.path.includes("{")) s.add(404);
  if (spec.method === "post" && spec.access !== "public") s.add(409); // Idempotency-Key still being handled
  if (spec.body || spec.raw || mutation) s.add(413);
  s.add(414); // any address can be too long
  if (spec.body || spec.raw) s.add(415);
  return [...s].sort();
}

/**
 * A route of the contract. The guard (access, charter) runs first, then the body checks (size, media type, JSON),
 * then zod's validation of path, query and body; errors it may answer are listed in the document with the error shape.
 */
export function define<
  const M extends Method,
  const P extends string,
  const A extends Access,
  B extends z.ZodType | undefined = undefined,
  Q extends z.ZodObject | undefined = undefined,
  const R extends RouteConfig["responses"] = RouteConfig["responses"],
>(spec: Spec<M, P, A, B, Q, R>) {
  const params = [...spec.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  const bodyGuard = spec.body ? [jsonGuard] : spec.raw || !MUTATIONS.has(spec.method) ? [] : [noBody()];
  const errors = Object.fromEntries(errorStatuses(spec).map((s) => [s, json(ErrorBody, ERROR_TEXT[s])]));
  return createRoute({
    method: spec.method,
    path: spec.path,
    summary: spec.summary,
    tags: [spec.tag],
    "x-access": spec.access,
    ...(spec.charterExempt ? { "x-charter-exempt": true } : {}),
    security: (spec.access === "public" ? [] : [{ session: [] }, { bearer: [] }]) as { [name: string]: string[] }[],
    middleware: [guard(spec.access, spec.charterExempt ?? false), ...(spec.gate ? [gateOf(spec.gate, spec.gateAlongside ?? false)] : []), ...(spec.etag ? [etagged] : []), ...bodyGuard] as unknown as [MiddlewareHandler<A extends "public" ? AppEnv : AppEnv & Caller>],
    request: {
      ...(params.length ? { params: z.object(Object.fromEntries(params.map((p) => [p, z.string()]))) } : {}),
      ...(spec.query ? { query: spec.query } : {}),
      ...(spec.body ? { body: { required: true, content: { "application/json": { schema: spec.body } } } } : {}),
      ...(spec.raw ? { body: { required: true, content: Object.fromEntries(spec.raw.map((t) => [t, { schema: z.string().openapi({ format: "binary" }) }])) } } : {}),
    } as (Q extends z.ZodObject ? { query: Q } : {}) & (B extends z.ZodType ? { body: { required: true; content: { "application/json": { schema: B } } } } : {}),
    responses: { ...spec.responses, ...errors, ...(spec.etag ? { 304: { description: "Not modified: the `If-None-Match` named this answer's `ETag` (no body)" } } : {}) } as R,
  });
}
