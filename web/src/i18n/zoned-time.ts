/**
 * A wall-clock time in a time zone ⇄ UTC milliseconds, for `<input type="datetime-local">` fields (the composer's
 * first look, office hours, ideas). Its own module: the composer needs it without the ideas' code.
 */

function zoneOffset(ms: number, zone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" }).formatToParts(ms);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour") % 24, get("minute"), get("second"));
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/**
 * `2027-01-15T09:30` (an `<input type="datetime-local">` value, seconds optional: `09:30:15` from a `step="any"` input)
 * read as a wall-clock time in `zone` → UTC ms; NaN when malformed.
 */
export function localInputToUtc(value: string, zone: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?$/.exec(value);
  if (!m) return Number.NaN;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  let guess = wall - zoneOffset(wall, zone);
  // Once more from the guess: right on both sides of a daylight-saving change.
  guess = wall - zoneOffset(guess, zone);
  return guess;
}

/** UTC ms → the `datetime-local` value showing that instant's wall-clock time in `zone`. */
export function utcToLocalInput(ms: number, zone: string): string {
  const d = new Date(ms + zoneOffset(ms, zone));
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}
