/**
 * The answer-time clock (API.md "Questions and knowledge"): pure functions over instants (ms since the epoch), with
 * `Intl` only. A business promise counts its hours only on its week days (0 = Sunday) between its opening and closing
 * times, read in its IANA time zone, so weekends, nights and daylight-saving changes fall out of the count; a
 * calendar promise counts the clock's hours. Fractions of hours are exact to the millisecond.
 */

export type BusinessHours = { days: number[]; opens: string; closes: string; timezone: string };
/** A promise as the clock reads it: business hours need their days, times and zone. */
export type ClockPromise = { mode: "none" | "business" | "calendar"; hours?: number | null } & Partial<BusinessHours>;

const HOUR = 3_600_000;
const DAY = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock reading of `at` in `timeZone`, as if it were UTC (so that date arithmetic is plain). */
function wallClock(at: number, timeZone: string): number {
  const parts = formatter(timeZone).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return Date.UTC(get("year"), get("month") - 1, get("day"), get("hour") % 24, get("minute"), get("second")) + (at % 1000 + 1000) % 1000;
}

/** How far `timeZone`'s clock is ahead of UTC at `at` (ms; +3,600,000 for Paris in winter). */
export function zoneOffset(at: number, timeZone: string): number {
  return wallClock(at, timeZone) - at;
}

/**
 * The instant when `timeZone`'s clock reads `wall` (a wall-clock reading as UTC ms). A reading that happens twice
 * (autumn) is its first; one that never happens (the hour skipped in spring) is read with the offset before the change.
 */
export function instantOf(wall: number, timeZone: string): number {
  // The offsets a day either side: a change of offset near `wall` lies between them.
  const before = zoneOffset(wall - DAY, timeZone);
  const after = zoneOffset(wall + DAY, timeZone);
  const valid = [wall - before, wall - after].filter((at) => wallClock(at, timeZone) === wall).sort((a, b) => a - b);
  return valid[0] ?? wall - before;
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The opening window [open, close) of the local day starting at wall-clock midnight `dayWall`, or null on a closed day. */
function windowOf(dayWall: number, hours: BusinessHours): [number, number] | null {
  if (!hours.days.includes(new Date(dayWall).getUTCDay())) return null;
  const open = instantOf(dayWall + minutesOf(hours.opens) * 60_000, hours.timezone);
  const close = instantOf(dayWall + minutesOf(hours.closes) * 60_000, hours.timezone);
  return close > open ? [open, close] : null;
}

/**
 * `start` plus `hours` business hours: the clock runs only inside the opening windows. A question asked at night or
 * on a closed day starts counting at the next opening; one whose count ends exactly at a closing time is due then.
 * Gives up (null) after ten years of calendar, which only a promise that never opens could need.
 */
export function addBusinessHours(start: number, hours: number, business: BusinessHours): number | null {
  let left = Math.round(hours * HOUR);
  const startWall = wallClock(start, business.timezone);
  let dayWall = startWall - (startWall % DAY + DAY) % DAY;
  for (let i = 0; i < 3660; i++, dayWall += DAY) {
    const window = windowOf(dayWall, business);
    if (!window) continue;
    const from = Math.max(window[0], start);
    if (from >= window[1]) continue;
    if (left <= window[1] - from) return from + left;
    left -= window[1] - from;
  }
  return null;
}

/** Whether `at` falls inside the opening hours (a support member "on duty"). */
export function withinBusinessHours(at: number, business: BusinessHours): boolean {
  const wall = wallClock(at, business.timezone);
  const window = windowOf(wall - (wall % DAY + DAY) % DAY, business);
  return window !== null && at >= window[0] && at < window[1];
}

/**
 * A question's deadline and the moment 75% of its promise has run (the skills escalation), from the promise the group
 * follows when it is asked; both null without a promise.
 */
export function deadlineOf(askedAt: number, promise: ClockPromise): { deadlineAt: number | null; nudgeAt: number | null } {
  if (promise.mode === "none" || !promise.hours || promise.hours <= 0) return { deadlineAt: null, nudgeAt: null };
  if (promise.mode === "calendar") return { deadlineAt: askedAt + Math.round(promise.hours * HOUR), nudgeAt: askedAt + Math.round(promise.hours * 0.75 * HOUR) };
  const business: BusinessHours = { days: promise.days ?? [1, 2, 3, 4, 5], opens: promise.opens ?? "09:00", closes: promise.closes ?? "18:00", timezone: promise.timezone ?? "UTC" };
  return { deadlineAt: addBusinessHours(askedAt, promise.hours, business), nudgeAt: addBusinessHours(askedAt, promise.hours * 0.75, business) };
}
