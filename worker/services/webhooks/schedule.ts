/**
 * The retry schedule of a delivery (WEBHOOK_RETRY_SCHEDULE): `schedule[i]` seconds before attempt i+1, so attempt 1
 * waits `schedule[0]` (usually 0) and a delivery has `schedule.length` attempts at most, after which it has failed.
 */

/** Seconds to wait before the next attempt after `attemptsDone` attempts, or null when the schedule is spent. */
export function nextDelaySeconds(schedule: readonly number[], attemptsDone: number): number | null {
  return attemptsDone < schedule.length ? schedule[attemptsDone] : null;
}

/** An endpoint whose every attempt has failed for this long is disabled (reason "failing"). */
export const FAILING_LIMIT_MS = 3 * 24 * 60 * 60 * 1000;

/** The endpoint's failure run after an attempt: when it began (null after a success), and whether to disable it now. */
export function afterAttempt(failingSince: number | null, ok: boolean, now: number): { failingSince: number | null; disable: boolean } {
  if (ok) return { failingSince: null, disable: false };
  const since = failingSince ?? now;
  return { failingSince: since, disable: now - since >= FAILING_LIMIT_MS };
}
