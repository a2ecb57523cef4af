import { signal } from "@preact/signals";
import { locale } from "./index";

/** The reader's time zone: their profile's once known, else this device's. */
export const deviceTimeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
export const readerTimeZone = signal(deviceTimeZone);

/** A clock that ticks on each new minute, so local times and relative times stay true without one timer each. */
export const minuteTick = signal(Date.now());
function scheduleTick() {
  setTimeout(() => {
    minuteTick.value = Date.now();
    scheduleTick();
  }, 60_000 - (Date.now() % 60_000) + 50);
}
scheduleTick();

const cache = new Map<string, Intl.DateTimeFormat>();
function dateFormat(options: Intl.DateTimeFormatOptions, timeZone: string): Intl.DateTimeFormat {
  const key = `${locale.value}|${timeZone}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(locale.value, { ...options, timeZone });
    } catch {
      format = new Intl.DateTimeFormat(locale.value, { ...options, timeZone: "UTC" });
    }
    cache.set(key, format);
  }
  return format;
}

/** Zones already checked: each check builds a DateTimeFormat (milliseconds), and the greeting's clock asks on every render. */
const zoneChecks = new Map<string, boolean>();
export function isTimeZone(zone: string): boolean {
  let known = zoneChecks.get(zone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat("en", { timeZone: zone });
      known = true;
    } catch {
      known = false;
    }
    zoneChecks.set(zone, known);
  }
  return known;
}

/** "14:05" (or "2:05 PM") in the given zone. */
export function formatClock(ms: number, timeZone: string): string {
  return dateFormat({ hour: "numeric", minute: "2-digit" }, timeZone).format(ms);
}

/** Date and time in the reader's zone, e.g. for a tooltip. */
export function formatDateTime(ms: number): string {
  return dateFormat({ dateStyle: "medium", timeStyle: "short" }, readerTimeZone.value).format(ms);
}

export function formatDate(ms: number): string {
  return dateFormat({ dateStyle: "medium" }, readerTimeZone.value).format(ms);
}

const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600_000],
  ["month", 30 * 24 * 3600_000],
  ["week", 7 * 24 * 3600_000],
  ["day", 24 * 3600_000],
  ["hour", 3600_000],
  ["minute", 60_000],
];

/** "3 min ago", "in 6 days", "now". */
export function formatRelative(ms: number, now = minuteTick.value): string {
  let format = relativeFormats.get(locale.value);
  if (!format) relativeFormats.set(locale.value, (format = new Intl.RelativeTimeFormat(locale.value, { numeric: "auto", style: "short" })));
  const diff = ms - now;
  for (const [unit, size] of UNITS) {
    if (Math.abs(diff) >= size) return format.format(Math.round(diff / size), unit);
  }
  return format.format(0, "minute");
}

/** The IANA zones this browser knows, for pickers. */
export function timeZones(): string[] {
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return zones.includes("UTC") ? zones : ["UTC", ...zones];
}

const byteFormats = new Map<string, Intl.NumberFormat>();
/** "340 kB", "2.4 MB": file sizes in the reader's language. */
export function formatBytes(bytes: number): string {
  const [unit, value] = bytes >= 1_000_000 ? (["megabyte", bytes / 1_000_000] as const) : bytes >= 1_000 ? (["kilobyte", bytes / 1_000] as const) : (["byte", bytes] as const);
  const key = `${locale.value}|${unit}`;
  let format = byteFormats.get(key);
  if (!format) byteFormats.set(key, (format = new Intl.NumberFormat(locale.value, { style: "unit", unit, unitDisplay: "short", maximumFractionDigits: 1 })));
  return format.format(value);
}
