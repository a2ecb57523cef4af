/**
 * Markdown reduced to one line of plain text, at most `max` characters (an ellipsis when cut): a web push's body
 * (worker/services/push/text.ts) and a must-read announcement's line on the home (web/src/features/home/home.tsx).
 * The list marks at a line's start, pictures, link targets and the emphasis, code, quote and heading marks go.
 */
export function plainExcerpt(markdown: string, max = 160): string {
  const text = markdown
    .replace(/^[ \t]*(?:[-*+]|\d+[.)])[ \t]+/gm, "")
    .replace(/!\[[^\]]*\]\([^)]*\)/g, "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[`*_~>#]+/g, "")
    .replace(/\s+/g, " ")
    .trim();
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
