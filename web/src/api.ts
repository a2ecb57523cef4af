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

/**
 * The screen's first reads, answered inside the page by the Worker (worker/routes/first-reads.ts) for a signed-in
 * member's navigation: URL → the answer's `X-Request-Time` and body. Each is taken once, by the first GET of that exact
 * URL in the page's first seconds (the screen's own first read); anything later asks the network.
 */
let firstReads: Map<string, { t: string | null; b: unknown }> | null | undefined;
const FIRST_READS_FOR_MS = 20_000;

function takeFirstRead(url: string): { t: string | null; b: unknown } | undefined {
  if (firstReads === undefined) {
    firstReads = null;
    const el = document.getElementById("first-reads");
    try {
      if (el?.textContent) firstReads = new Map(Object.entries(JSON.parse(el.textContent) as Record<string, { t: string | null; b: unknown }>));
    } catch {
      // unreadable: the network answers instead
    }
    el?.remove();
  }
  if (!firstReads || performance.now() > FIRST_READS_FOR_MS) return undefined;
  const hit = firstReads.get(url);
  firstReads.delete(url);
  return hit;
}

/** The answer to GET `/api/v1<path>` when the page carries it (taken once), without asking the network otherwise. */
export function inlinedRead<T>(path: string): T | undefined {
  return takeFirstRead(`/api/v1${path}`)?.b as T | undefined;
}

/** Calls `/api/v1<path>`; resolves with the parsed JSON (undefined for 204), rejects with an ApiError. */
export async function api<T = unknown>(path: string, options: RequestOptions = {}): Promise<T> {
  const first = (options.method ?? "GET") === "GET" && options.body === undefined && !options.signal?.aborted ? takeFirstRead(withQuery(`/api/v1${path}`, options.query)) : undefined;
  if (first) {
    const headers = new Headers(first.t === null ? {} : { "X-Request-Time": first.t });
    noteAnswer(new Response(null, { headers }));
    options.headers?.(headers);
    return first.b as T;
  }
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
