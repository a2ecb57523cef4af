/** Text FTS5 can quote: control characters (a NUL ends its string literal, a 500 before this) become spaces. */
export function ftsText(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]/g, " ");
}
