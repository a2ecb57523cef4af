/**
 * The one normalisation of free text (issue 15, "text that shows nothing"): every text field of every request, the
 * room frames and the CSV import go through it, so that nothing is stored that renders as nothing, reorders the text
 * around it, or differs from what looks the same only by its encoding.
 */

/** Whether the field keeps its line breaks and tabs (bodies, bios, descriptions) or is one line (names, titles). */
export type TextShape = "single-line" | "multi-line";

/** C0 and C1 controls and DEL. */
const CONTROLS = /[\u0000-\u001F\u007F-\u009F]/g;
/** The same, except newline and tab. */
const CONTROLS_BUT_LINES = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
/** Line and tab separators: in a one-line field they separated words, so they become a space rather than nothing. */
const LINE_BREAKS_AND_TABS = /\r\n|[\t\n\v\f\r\u0085\u2028\u2029]/g;
/** Bidi embedding, override and isolate controls: in a one-line field they only reorder what is shown around it. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
/**
 * What shows nothing at either end: white space (`\s` has the Unicode spaces and U+FEFF) and the format characters that
 * draw nothing (soft hyphen, the zero-width ones, bidi marks and controls, word joiner and invisible operators, the
 * Mongolian vowel separator), plus the blank letters used to fake an empty name (Hangul fillers, the Braille blank).
 * Emoji tag characters (U+E0020–U+E007F) are kept: they end the flag sequences.
 */
const FORMAT = "\\u00AD\\u034F\\u061C\\u115F\\u1160\\u180E\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u206F\\u2800\\u3164\\uFEFF\\uFFA0";
const INVISIBLE_AT_ENDS = new RegExp(`^[\\s${FORMAT}]+|[\\s${FORMAT}]+$`, "gu");
const FORMAT_ANYWHERE = new RegExp(`[${FORMAT}]`, "gu");
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/**
 * More combining marks in a row than Unicode's stream-safe text format allows (30, UAX #15): no language needs them,
 * and "Zalgo" text with thousands of them draws over the lines around it.
 */
const TOO_MANY_MARKS = /\p{M}{31}/u;
/** What `foldKey` drops after NFD: the combining marks, that is the accents. */
const MARKS = /\p{M}/gu;

/**
 * Why a text cannot be normalised but must be refused, or null: a lone surrogate (half a character, which cannot be
 * stored or shown as what was sent) or a run of combining marks past the stream-safe limit.
 */
export function textProblem(text: string): string | null {
  if (LONE_SURROGATE.test(text)) return "Contains a lone surrogate (half of a character)";
  if (TOO_MANY_MARKS.test(text)) return "More than 30 combining marks in a row";
  return null;
}

/**
 * The text as it is stored: NFC; C0/C1 controls removed (a multi-line field keeps newline and tab, with CRLF and CR as
 * newline; a one-line field gets a space for a line break or a tab); bidi embedding/override/isolate controls removed
 * from one-line fields; white space, zero-width and other invisible format characters trimmed at both ends.
 */
export function normaliseText(text: string, shape: TextShape): string {
  let out = text.normalize("NFC");
  if (shape === "multi-line") {
    out = out.replace(/\r\n?/g, "\n").replace(CONTROLS_BUT_LINES, "");
  } else {
    out = out.replace(LINE_BREAKS_AND_TABS, " ").replace(CONTROLS, "").replace(BIDI_CONTROLS, "");
  }
  return out.replace(INVISIBLE_AT_ENDS, "");
}

/**
 * The key under which two entries of a list (skills, hobbies, languages, hot topics) are the same entry: case, accents
 * invisible characters and runs of spaces do not count, so "Excel", "excel" and "Excel\u200B" are one skill, and "Café" is "cafe".
 */
export function foldKey(text: string): string {
  return normaliseText(text, "single-line").normalize("NFD").replace(MARKS, "").replace(FORMAT_ANYWHERE, "").replace(/\s+/g, " ").toLowerCase();
}

/** The list with each entry once, by `foldKey`, in the spelling first given. */
export function foldDuplicates(list: readonly string[]): string[] {
  const seen = new Set<string>();
  return list.filter((entry) => {
    const key = foldKey(entry);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
