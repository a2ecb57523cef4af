import { describe, expect, it } from "vitest";
import { foldDuplicates, foldKey, normaliseText, textProblem } from "../../contract/text";

/** The one text normalisation of the contract (contract/text.ts), by hand-written input → output tables. */

describe("normaliseText, one-line fields", () => {
  it.each([
    ["plain text stays", "Ada Lovelace", "Ada Lovelace"],
    ["zero-width spaces only", "\u200B\u200B\u200B", ""],
    ["a right-to-left override only", "\u202E", ""],
    ["zero-width spaces and spaces", "\u200B\u200B  ", ""],
    ["a byte-order mark, a word joiner and a soft hyphen around", "\uFEFF\u2060\u00ADAda\u00AD\u2060\uFEFF", "Ada"],
    ["bidi marks and no-break spaces around", "\u200E\u00A0Ada\u00A0\u200F", "Ada"],
    ["a Hangul filler and a Braille blank pretending to be a name", "\u3164\u2800", ""],
    ["NUL inside", "Ad\u0000a", "Ada"],
    ["C0 and C1 controls and DEL inside (NEL, a line break, becomes a space)", "A\u0001d\u001F\u007F\u0085a\u009F", "Ad a"],
    ["a bidi override inside", "evil\u202Etxt.exe", "eviltxt.exe"],
    ["bidi isolates inside", "a\u2066b\u2067c\u2068d\u2069e", "abcde"],
    ["a line break or a tab inside becomes a space", "Ada\nLovelace\tCountess", "Ada Lovelace Countess"],
    ["CRLF inside becomes one space", "Ada\r\nLovelace", "Ada Lovelace"],
    ["decomposed é becomes one code point (NFC)", "Cafe\u0301", "Caf\u00E9"],
    ["a zero-width joiner inside an emoji stays", "\u{1F469}\u200D\u{1F4BB}", "\u{1F469}\u200D\u{1F4BB}"],
    ["the tag characters ending a flag stay", "Go \u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}", "Go \u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}"],
    ["a zero-width space inside a word stays (only the ends are trimmed)", "a\u200Bb", "a\u200Bb"],
  ])("%s", (_name, input, output) => {
    expect(normaliseText(input, "single-line")).toBe(output);
  });
});

describe("normaliseText, multi-line fields", () => {
  it.each([
    ["newlines and tabs stay", "Hello\n\n\tworld", "Hello\n\n\tworld"],
    ["NUL removed, newlines kept", "Hello\u0000\nworld\u0000", "Hello\nworld"],
    ["CRLF and CR become newlines", "a\r\nb\rc", "a\nb\nc"],
    ["zero-width spaces only", "\u200B\u200B\u200B", ""],
    ["bidi controls only", "\u202E\u2066\u202A", ""],
    ["blank lines and zero-width spaces around", "\n\u200B\n  Hello\n\u200B\n", "Hello"],
    ["a bidi override inside stays (a right-to-left quotation needs it)", "a \u202Bb\u202C c", "a \u202Bb\u202C c"],
    ["C1 controls inside", "a\u0080b\u009Fc", "abc"],
    ["decomposed é becomes one code point (NFC)", "e\u0301te\u0301", "\u00E9t\u00E9"],
  ])("%s", (_name, input, output) => {
    expect(normaliseText(input, "multi-line")).toBe(output);
  });
});

describe("textProblem: what is refused rather than normalised", () => {
  it.each([
    ["plain text", "Hello", null],
    ["a pair of surrogates (an emoji)", "\uD83D\uDE00", null],
    ["a lone high surrogate", "a\uD800b", "Contains a lone surrogate (half of a character)"],
    ["a lone low surrogate", "\uDC00", "Contains a lone surrogate (half of a character)"],
    ["a high surrogate at the end", "abc\uDBFF", "Contains a lone surrogate (half of a character)"],
    ["30 combining marks in a row (the stream-safe limit)", "a" + "\u0301".repeat(30), null],
    ["31 combining marks in a row", "a" + "\u0301".repeat(31), "More than 30 combining marks in a row"],
    ["5,000 combining marks", "\u0300".repeat(5000), "More than 30 combining marks in a row"],
  ])("%s", (_name, input, problem) => {
    expect(textProblem(input)).toBe(problem);
  });
});

describe("folding list entries", () => {
  it.each([
    ["case", "Excel", "excel"],
    ["accents", "Café", "cafe"],
    ["a decomposed accent", "Cafe\u0301", "cafe"],
    ["a zero-width space at the end", "Excel\u200B", "excel"],
    ["a zero-width space inside", "Ex\u200Bcel", "excel"],
    ["runs of spaces", "Team   leadership", "team leadership"],
    ["German sharp s stays itself", "Straße", "straße"],
  ])("%s", (_name, input, key) => {
    expect(foldKey(input)).toBe(key);
  });

  it.each([
    ["the issue's skills", ["Excel", "Excel\u200B", "excel"], ["Excel"]],
    ["the first spelling given is kept", ["excel", "EXCEL", "Excel"], ["excel"]],
    ["accents fold, order kept", ["Théâtre", "Go", "theatre", "go", "Rust"], ["Théâtre", "Go", "Rust"]],
    ["different entries stay", ["Java", "JavaScript"], ["Java", "JavaScript"]],
    ["an empty list", [], []],
  ])("%s", (_name, input, output) => {
    expect(foldDuplicates(input)).toEqual(output);
  });
});
