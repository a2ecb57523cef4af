/** Free hours on a weekday, in the member's own time zone. `day`: 0 = Sunday … 6 = Saturday. */
export type WeeklyHours = { day: number; from: string; to: string };
/** An absolute span of time, ms UTC, [start, end). */
export type Span = [number, number];

const DAY_MS = 24 * 3600 * 1000;

/** The Monday 00:00 UTC of the week holding `at`. */
export function weekStart(at: number): number {
  const d = new Date(at);
  const monday = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - ((d.getUTCDay() + 6) % 7) * DAY_MS;
  return monday;
}

/** How far `timeZone` is ahead of UTC at instant `at`, in ms (DST included). */
function offsetAt(timeZone: string, at: number): number {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" }).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  return Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second")) - (at - (at % 1000));
}

/** The UTC instant of a wall-clock time in `timeZone` (the common two-step fix-up handles DST edges). */
export function zonedToUtc(year: number, month: number, day: number, minutes: number, timeZone: string): number {
  const asUtc = Date.UTC(year, month, day) + minutes * 60_000;
  let utc = asUtc - offsetAt(timeZone, asUtc);
  utc = asUtc - offsetAt(timeZone, utc);
  return utc;
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** A member's free hours of the week starting `monday` (UTC), as absolute spans, sorted and merged. */
export function weeklySpans(hours: WeeklyHours[], timeZone: string, monday: number): Span[] {
  const spans: Span[] = [];
  for (const h of hours) {
    const date = new Date(monday + ((h.day + 6) % 7) * DAY_MS);
    const y = date.getUTCFullYear();
    const m = date.getUTCMonth();
    const d = date.getUTCDate();
    const from = minutesOf(h.from);
    const to = minutesOf(h.to);
    if (to <= from) continue;
    spans.push([zonedToUtc(y, m, d, from, timeZone), zonedToUtc(y, m, d, to, timeZone)]);
  }
  spans.sort((a, b) => a[0] - b[0]);
  const merged: Span[] = [];
  for (const s of spans) {
    const last = merged.at(-1);
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else merged.push([s[0], s[1]]);
  }
  return merged;
}

/** The spans common to two lists. */
export function intersect(a: Span[], b: Span[]): Span[] {
  const out: Span[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const start = Math.max(a[i][0], b[j][0]);
    const end = Math.min(a[i][1], b[j][1]);
    if (end > start) out.push([start, end]);
    if (a[i][1] < b[j][1]) i++;
    else j++;
  }
  return out;
}

/** Total length of the longest common span, in minutes. */
export function longestOverlapMinutes(spans: Span[]): number {
  return spans.reduce((best, [s, e]) => Math.max(best, (e - s) / 60_000), 0);
}
