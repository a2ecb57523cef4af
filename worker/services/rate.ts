import type { ServiceContext } from "../context";
import { ApiError } from "../errors";

/** The length of a rate window: limits are per minute. */
export const RATE_WINDOW_MS = 60_000;

export type RateHit = { count: number; allowed: boolean; retryAfter: number };

/**
 * Counts one request against `key`'s fixed window (one minute) in a single statement: the insert-or-increment hands
 * back the new count, so concurrent requests each see a distinct count and exactly `limit` of them pass per window
 * (SQLite runs the statement atomically). `retryAfter` is the number of whole seconds until the window ends.
 */
export async function hitRateWindow(ctx: ServiceContext, key: string, limit: number, now = Date.now()): Promise<RateHit> {
  const windowStart = now - (now % RATE_WINDOW_MS);
  const row = await ctx.env.DB.prepare(
    "INSERT INTO rate_windows (key, window_start, count) VALUES (?, ?, 1) ON CONFLICT(key, window_start) DO UPDATE SET count = count + 1 RETURNING count",
  )
    .bind(key, windowStart)
    .first<{ count: number }>();
  const count = row!.count;
  return { count, allowed: count <= limit, retryAfter: Math.max(1, Math.ceil((windowStart + RATE_WINDOW_MS - now) / 1000)) };
}

/** {@link hitRateWindow}, answering 429 `rate_limited` with `Retry-After` past the limit. */
export async function enforceRate(ctx: ServiceContext, key: string, limit: number, now = Date.now()): Promise<void> {
  const hit = await hitRateWindow(ctx, key, limit, now);
  if (!hit.allowed) {
    throw new ApiError("rate_limited", `More than ${limit} requests this minute; try again later`, { retryAfter: hit.retryAfter }, { "Retry-After": String(hit.retryAfter) });
  }
}

/** Cron: deletes the windows that ended (anything older than the previous minute). */
export async function sweepRateWindows(ctx: ServiceContext, now: number): Promise<number> {
  const res = await ctx.env.DB.prepare("DELETE FROM rate_windows WHERE window_start < ?").bind(now - 2 * RATE_WINDOW_MS).run();
  return res.meta.changes;
}
