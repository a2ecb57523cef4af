/**
 * How the catalogues are split into files (words-plugin.ts does it at build time; en.ts and fr.ts stay whole).
 * - The "core" part, loaded before the first render, holds every key the first page's modules name (the sign-in
 *   page, the frame, the home feed, post cards, errors), plus the whole of the prefixes mapped to "core" below.
 * - Every other key goes to the part of each lazily imported module that names it (with its static imports): one
 *   file per screen and language, loaded in parallel with the screen's code. A new screen needs no line here.
 * - To put a small prefix used everywhere whole in the core, add one line `prefix: "core",` below.
 */
export const PART_OF: Record<string, string> = {
  // Small and used everywhere: whole in the first page's words.
  common: "core",
  errors: "core",
  nav: "core",
  time: "core",
  menu: "core",
  kind: "core",
  notFound: "core",
  reaction: "core",
  rating: "core",
  outbox: "core",
};
