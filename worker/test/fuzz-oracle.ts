import type { OpenAPIHono } from "@hono/zod-openapi";
import { getQueryParams } from "hono/utils/url";
import type { ZodType } from "zod";
import { isMutation, MAX_JSON_BYTES, type FuzzOperation, type FuzzRequest } from "./fuzz-requests";

/**
 * What API.md lets the fuzz expect of one generated request, beyond the invariants every answer keeps (never a 5xx, the
 * error shape, nothing written when refused). The route's own zod schemas (from the app's registry: exactly what the
 * route validates with, refinements included) tell whether the body and query are valid; the order of the checks is
 * API.md's: size, then media type, then well-formed JSON, then the fields.
 */

/** API.md's closed list of error codes, with the status each answers. */
export const API_ERRORS: Record<string, number> = {
  bad_request: 400,
  validation_failed: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  charter_required: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  uri_too_long: 414,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
};

export type Expectation =
  /** This exact error. */
  | { status: number; code: string; why: string }
  /** Anything but these codes (a valid input may still be refused for what it says: 404, 409…). */
  | { notCodes: string[]; why: string }
  | null;

type Schemas = { body?: ZodType; query?: ZodType };

/** The zod schemas of every route of the app, keyed `METHOD /openapi/path`. */
export function routeSchemas(app: OpenAPIHono<any>): Map<string, Schemas> {
  const out = new Map<string, Schemas>();
  for (const d of app.openAPIRegistry.definitions) {
    if (d.type !== "route") continue;
    const r = d.route as { method: string; path: string; request?: { query?: ZodType; body?: { content?: Record<string, { schema?: unknown }> } } };
    const body = r.request?.body?.content?.["application/json"]?.schema as ZodType | undefined;
    out.set(`${r.method.toUpperCase()} ${r.path}`, { body: typeof body?.safeParseAsync === "function" ? body : undefined, query: r.request?.query });
  }
  return out;
}

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes); // as Request.text(): UTF-8, BOM dropped
const essence = (ct: string) => ct.split(";")[0].trim().toLowerCase();
const jsonish = (ct: string | null) => ct !== null && /^application\/([\w.-]+\+)?json$/.test(essence(ct));
/** The forms clients send: `application/json` (or a `+json` type), optionally with `; charset=utf-8`. */
const canonicalJson = (ct: string | null) => ct !== null && /^application\/([a-z.-]+\+)?json(;\s*charset=utf-8)?$/i.test(ct);

function parse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** The query as the route's validator sees it: one value a string, repeated values an array. */
function queryObject(url: string): Record<string, string | string[]> {
  const all = getQueryParams(new URL(url, "http://fuzz.test").href) as Record<string, string[]>;
  return Object.fromEntries(Object.entries(all).map(([k, v]) => [k, v.length === 1 ? v[0] : v]));
}

async function invalid(schema: ZodType | undefined, value: unknown): Promise<boolean> {
  return schema !== undefined && !(await schema.safeParseAsync(value)).success;
}

export async function expectationFor(op: FuzzOperation, req: FuzzRequest, schemas: Schemas | undefined): Promise<Expectation> {
  const queryBad = await invalid(schemas?.query, queryObject(req.url));
  const fields: Expectation = queryBad ? { status: 400, code: "validation_failed", why: "the query does not pass the route's schema" } : null;
  const bytes = req.body ?? new Uint8Array(0);

  if (op.json) {
    if (bytes.byteLength > MAX_JSON_BYTES) return { status: 413, code: "too_large", why: "a JSON body over 256 KB" };
    if (!jsonish(req.contentType)) return { status: 415, code: "unsupported_media_type", why: "a JSON route sent another media type (or none)" };
    const text = decode(bytes);
    if (new TextEncoder().encode(text).byteLength > MAX_JSON_BYTES) return { status: 413, code: "too_large", why: "a JSON body over 256 KB" };
    const json = parse(text);
    if (!json.ok) return { status: 400, code: "bad_request", why: "malformed JSON" };
    // Well-formed JSON is never `bad_request` (API.md: that code is for malformed JSON).
    if (!canonicalJson(req.contentType)) return { notCodes: ["bad_request"], why: "well-formed JSON under an unusual JSON media type" };
    if (fields) return fields;
    if (await invalid(schemas?.body, json.value)) return { status: 400, code: "validation_failed", why: "the body does not pass the route's schema" };
    return { notCodes: ["bad_request", "unsupported_media_type"], why: "a body and query the route's schemas accept" };
  }

  if (!op.rawTypes.length && isMutation(op.method) && bytes.byteLength > 0) {
    // A mutation without a body takes nothing, or `{}`; anything else is refused like an unknown field.
    if (bytes.byteLength > MAX_JSON_BYTES) return { status: 413, code: "too_large", why: "a body over 256 KB" };
    const text = decode(bytes).trim();
    if (text !== "") {
      const json = parse(text);
      if (!json.ok) return { status: 400, code: "bad_request", why: "malformed JSON where no body is expected" };
      const empty = json.value !== null && typeof json.value === "object" && !Array.isArray(json.value) && Object.keys(json.value).length === 0;
      if (!empty) return { status: 400, code: "validation_failed", why: "a body where none is expected" };
    }
  }

  if (fields) return fields;
  // Over the route's own limit, in a media type it takes (for another type, 415 may come first).
  const limit = op.valid?.raw?.maxBytes;
  if (limit !== undefined && bytes.byteLength > limit && req.contentType !== null && op.rawTypes.includes(req.contentType)) {
    return { status: 413, code: "too_large", why: `a body over the route's ${limit} bytes` };
  }
  return null;
}
