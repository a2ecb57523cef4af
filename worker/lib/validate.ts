import type { MiddlewareHandler } from "hono";
import { z } from "zod";
import type { AppEnv } from "../context";
import { ApiError, ValidationError, type FieldIssue } from "../errors";

/** Request bodies over this answer 413 `too_large` (API.md conventions). */
export const MAX_JSON_BYTES = 256 * 1024;

export function issuesOf(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({
    path: i.path.map(String).join(".") || (i.code === "unrecognized_keys" ? (i.keys ?? []).join(",") : ""),
    message: i.message,
  }));
}

/** Parses a value or throws the documented 400 `validation_failed` listing the fields. */
export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationError(issuesOf(result.error));
  return result.data;
}

/**
 * The checks a JSON body passes before its schema (which the route's validator applies): 413 over 256 KB, 415 when it
 * is not JSON, 400 `bad_request` when malformed.
 */
export const jsonGuard: MiddlewareHandler<AppEnv> = async (c, next) => {
  const declared = Number(c.req.header("Content-Length") ?? "0");
  if (declared > MAX_JSON_BYTES) throw new ApiError("too_large", `The body is over ${MAX_JSON_BYTES} bytes`);
  const type = c.req.header("Content-Type") ?? "";
  if (!/^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i.test(type)) {
    throw new ApiError("unsupported_media_type", "Send a JSON body with Content-Type: application/json");
  }
  const text = await c.req.text();
  if (new TextEncoder().encode(text).byteLength > MAX_JSON_BYTES) throw new ApiError("too_large", `The body is over ${MAX_JSON_BYTES} bytes`);
  try {
    JSON.parse(text);
  } catch {
    throw new ApiError("bad_request", "The body is not valid JSON");
  }
  await next();
};

/** Opaque keyset cursors: base64url JSON of the last row's sort key. */
export function encodeCursor(key: unknown): string {
  return btoa(JSON.stringify(key)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

export function decodeCursor<T extends z.ZodType>(schema: T, cursor: string | undefined): z.output<T> | undefined {
  if (cursor === undefined) return undefined;
  try {
    const json = atob(cursor.replaceAll("-", "+").replaceAll("_", "/"));
    const parsed = schema.safeParse(JSON.parse(json));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through to the validation error below
  }
  throw new ValidationError([{ path: "cursor", message: "Malformed cursor" }]);
}

/** For mutations that take no body: nothing, or `{}`; anything else is refused like an unknown field. */
export function noBody() {
  const mw: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (Number(c.req.header("Content-Length") ?? "0") > MAX_JSON_BYTES) throw new ApiError("too_large", `The body is over ${MAX_JSON_BYTES} bytes`);
    const raw = await c.req.text();
    if (new TextEncoder().encode(raw).byteLength > MAX_JSON_BYTES) throw new ApiError("too_large", `The body is over ${MAX_JSON_BYTES} bytes`);
    const text = raw.trim();
    if (text !== "") {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        throw new ApiError("bad_request", "The body is not valid JSON");
      }
      parseOrThrow(z.strictObject({}), value);
    }
    await next();
  };
  return mw;
}
