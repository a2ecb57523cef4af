import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ErrorCode, FieldIssue } from "../contract/common";

/** The closed list of error codes of API.md, with the status each one answers. */
export const ERROR_STATUS = {
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
} as const satisfies Record<ErrorCode, ContentfulStatusCode>;

export type { ErrorCode, FieldIssue };

export class ApiError extends HTTPException {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(ERROR_STATUS[code], { message });
  }
}

/** Domain errors thrown by services; routes never build HTTP answers for them by hand. */
export class NotFoundError extends ApiError {
  constructor(message = "Not found") {
    super("not_found", message);
  }
}
export class ForbiddenError extends ApiError {
  constructor(message = "You may not do this") {
    super("forbidden", message);
  }
}
export class ConflictError extends ApiError {
  constructor(message: string, details?: unknown) {
    super("conflict", message, details);
  }
}
export class ValidationError extends ApiError {
  constructor(issues: FieldIssue[]) {
    super("validation_failed", "Some fields are not valid", issues);
  }
}

export function errorBody(code: ErrorCode, message: string, requestId: string, details?: unknown) {
  return { error: { code, message, ...(details === undefined ? {} : { details }), requestId } };
}

/** One place maps every error to the documented shape: ours, then Hono's, then anything else as a logged 500. */
export function handleError(err: Error, c: Context): Response {
  const requestId: string = c.get("requestId") ?? "unknown";
  const api = apiErrorIn(err);
  if (api) {
    return c.json(errorBody(api.code, api.message, requestId, api.details), ERROR_STATUS[api.code], api.headers);
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    const code: ErrorCode = status === 413 ? "too_large" : status === 415 ? "unsupported_media_type" : status === 401 ? "unauthenticated" : status === 404 ? "not_found" : status < 500 ? "bad_request" : "internal";
    return c.json(errorBody(code, err.message || code, requestId), ERROR_STATUS[code]);
  }
  console.error(JSON.stringify({ level: "error", requestId, message: err.message, stack: err.stack }));
  return c.json(errorBody("internal", "Something went wrong on our side", requestId), 500);
}

/**
 * The ApiError an error is, or was wrapped from: drizzle wraps what a query throws (a write held for the session check
 * and refused by it, worker/db/trips.ts) in its own error, with the original as `cause`.
 */
function apiErrorIn(err: unknown): ApiError | undefined {
  for (let e = err, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    if (e instanceof ApiError) return e;
  }
  return undefined;
}
