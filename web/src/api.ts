/**
 * The client's one door to the API: JSON in and out, same-origin cookies, and every failure as a typed ApiError
 * carrying the documented `{error: {code, message, details, requestId}}` plus the status and `Retry-After`.
 */

export type { FieldIssue } from "../../contract/common";
import type { FieldIssue } from "../../contract/common";
import { noteAnswer } from "./offline";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** Seconds to wait, from `Retry-After` (429). */
    readonly retryAfter: number | null = null,
    readonly requestId?: string,
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** The `details` of a 400 `validation_failed`, when they have the documented `[{path, message}]` shape. */
  get fieldIssues(): FieldIssue[] {
    if (!Array.isArray(this.details)) return [];
    return this.details.filter(
      (d): d is FieldIssue => typeof d === "object" && d !== null && typeof d.path === "string" && typeof d.message === "string",
    );
  }
}

type Query = Record<string, string | number | null | undefined>;

export type RequestOptions = {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** A plain object is sent as JSON; a Blob or string is sent raw with `contentType` (or the Blob's own type). */
  body?: unknown;
  contentType?: string;
  query?: Query;
  signal?: AbortSignal;
  /** Sent as `Idempotency-Key` (POST): the same key again answers the first success and writes nothing more. */
  idempotencyKey?: string;
  /** Sees the answer's headers (a 2xx), before its body is read. */
  headers?: (headers: Headers) => void;
};

type Hooks = { charterRequired?: () => void; unauthenticated?: () => void };
const hooks: Hooks = {};

/** Lets the session react to answers that concern the whole app (a new charter to accept, a session that ended). */
export function onApiSignal(next: Hooks) {
  Object.assign(hooks, next);
}

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function retryAfterSeconds(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, Math.round((at - Date.now()) / 1000));
}

/** Calls `/api/v1<path>`; resolves with the parsed JSON (undefined for 204), rejects with an ApiError. */
export async function api<T = unknown>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (options.idempotencyKey) headers["Idempotency-Key"] = options.idempotencyKey;
  let body: BodyInit | undefined;
  const raw = options.body;
  if (raw instanceof Blob || typeof raw === "string") {
    body = raw;
    headers["Content-Type"] = options.contentType ?? (raw instanceof Blob && raw.type ? raw.type : "text/plain");
  } else if (raw !== undefined) {
    body = JSON.stringify(raw);
    headers["Content-Type"] = "application/json";
  }

  let res: Response;
  try {
    res = await fetch(withQuery(`/api/v1${path}`, options.query), {
      method: options.method ?? (body === undefined ? "GET" : "POST"),
      headers,
      body,
      credentials: "same-origin",
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === "AbortError") throw err;
    throw new ApiError(0, "network", "The network is unreachable");
  }

  noteAnswer(res);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: any = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (res.ok) {
    options.headers?.(res.headers);
    return data as T;
  }

  const e = data && typeof data === "object" ? data.error : undefined;
  const error = new ApiError(
    res.status,
    typeof e?.code === "string" ? e.code : res.status >= 500 ? "internal" : "bad_request",
    typeof e?.message === "string" ? e.message : res.statusText,
    e?.details,
    retryAfterSeconds(res.headers.get("Retry-After")),
    typeof e?.requestId === "string" ? e.requestId : undefined,
  );
  if (error.code === "charter_required") hooks.charterRequired?.();
  else if (error.status === 401 && error.code === "unauthenticated") hooks.unauthenticated?.();
  throw error;
}

export function isAbort(err: unknown): boolean {
  return err instanceof DOMException && err.name === "AbortError";
}
