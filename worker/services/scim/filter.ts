import { ScimError } from "./errors";

/**
 * The filters identity providers send to look a resource up before creating it (RFC 7644 §3.4.2.2): one attribute
 * `eq` a quoted string, e.g. `userName eq "ada@example.com"`. Anything else is 400 `invalidFilter` (never guessed).
 */
export type EqFilter = { attribute: string; value: string };

export function parseEqFilter(filter: string | undefined, attributes: readonly string[]): EqFilter | null {
  if (filter === undefined || filter.trim() === "") return null;
  const m = /^\s*([A-Za-z][\w.:-]*)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/i.exec(filter);
  if (!m) throw new ScimError(400, 'Only filters of the form `attribute eq "value"` are supported', "invalidFilter");
  const attribute = attributes.find((a) => a.toLowerCase() === m[1].toLowerCase());
  if (!attribute) throw new ScimError(400, `Filtering on ${m[1]} is not supported (only ${attributes.join(", ")})`, "invalidFilter");
  return { attribute, value: m[2].replace(/\\(.)/g, "$1") };
}

/** A list's window: `startIndex` is 1-based (below 1 reads as 1), `count` 0–200 (default 100; negative reads as 0). */
export function listWindow(startIndex: number | undefined, count: number | undefined): { offset: number; limit: number; startIndex: number } {
  const start = Math.max(1, startIndex ?? 1);
  return { offset: start - 1, limit: Math.min(200, Math.max(0, count ?? 100)), startIndex: start };
}
