import { z } from "@hono/zod-openapi";
import { foldDuplicates, normaliseText, textProblem, type TextShape } from "./text";

/**
 * Pieces every resource's contract shares. Request schemas are strict (an unknown field is refused); response schemas
 * are strict too, so that a field a view gains without the contract fails the response check of the tests.
 */

export const Id = (prefix: string) => z.string().regex(new RegExp(`^${prefix}_[0-9a-z]{26}$`), `Not a ${prefix}_ id`);
export const Email = z.email().max(254).transform((e) => e.trim().toLowerCase());

/**
 * Refuses what cannot be normalised: a lone surrogate, a run of combining marks past the stream-safe limit. For the
 * strings that are not free text (a URL) but must be whole characters all the same.
 */
export function refuseBrokenText(text: string, ctx: z.RefinementCtx) {
  const problem = textProblem(text);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
}

/**
 * Free text, normalised (contract/text.ts) before its length is checked. An `overwrite`, not a `transform`: the
 * OpenAPI document keeps `type: string` with its `minLength`/`maxLength`, and a required field left empty by the
 * normalisation (only zero-width spaces, say) fails `min` and answers 400 validation_failed.
 */
function normalisedText(shape: TextShape, min: number, max: number) {
  return z
    .string()
    .superRefine(refuseBrokenText)
    .overwrite((text) => normaliseText(text, shape))
    .min(min)
    .max(max);
}

/** One line of text: a name, a title, a query. Line breaks and tabs become spaces; bidi controls are removed. */
export const SingleLine = (min: number, max: number) => normalisedText("single-line", min, max);
/** Text of several lines: a body, a bio, a description. Keeps newlines and tabs. */
export const MultiLine = (min: number, max: number) => normalisedText("multi-line", min, max);
/** A list of one-line entries (skills, hobbies, languages, hot topics), each once whatever its case, accents or invisibles. */
export const FoldedList = (item: { min: number; max: number }, maxItems: number) =>
  z.array(SingleLine(item.min, item.max)).max(maxItems).overwrite(foldDuplicates);
/** An opaque value (an id the server looks up): compared as sent, so never normalised, but whole characters. */
export const Opaque = (min: number, max: number) => z.string().min(min).max(max).superRefine(refuseBrokenText);
/**
 * A secret (a password, an invitation or setup token): opaque, and `format: password` in the OpenAPI document, which
 * tells clients to hide it and the bad-input sweep that it is not free text.
 */
export const Secret = (min: number, max: number) => Opaque(min, max).openapi({ format: "password" });

export const Password = z.string().min(10, "At least 10 characters").max(200).superRefine(refuseBrokenText).openapi({ format: "password" });
export const PersonName = SingleLine(1, 100);
/** Markdown bodies of posts and comments. */
export const Body = MultiLine(1, 40_000);
export const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM, 24-hour");
/** An IANA time zone name (`Europe/Paris`), as `Intl` knows it. */
export const TimeZone = z.string().max(64).refine((tz) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, "Not an IANA time zone");

/** Milliseconds since the epoch, UTC. */
export const Millis = z.number().int();

/** `limit` of every list: 1–100, default 20; `cursor` an opaque string. */
export const pageParams = {
  cursor: z.string().min(1).max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
};

/** A page of a keyset list: `nextCursor` null on the last page. */
export const page = <T extends z.ZodType>(item: T) => z.strictObject({ items: z.array(item), nextCursor: z.string().nullable() });
export type Page<T> = { items: T[]; nextCursor: string | null };

/** One field of a 400 `validation_failed`: its path (dotted) and what is wrong. */
export const FieldIssue = z.strictObject({ path: z.string(), message: z.string() });
export type FieldIssue = z.infer<typeof FieldIssue>;

/** The one error shape of API.md. */
export const ErrorBody = z
  .strictObject({
    error: z.strictObject({
      code: z.enum([
        "bad_request",
        "validation_failed",
        "unauthenticated",
        "invalid_credentials",
        "forbidden",
        "charter_required",
        "not_found",
        "conflict",
        "too_large",
        "uri_too_long",
        "unsupported_media_type",
        "rate_limited",
        "internal",
      ]),
      message: z.string(),
      details: z.unknown().optional(),
      requestId: z.string(),
    }),
  })
  .openapi("Error");
export type ErrorBody = z.infer<typeof ErrorBody>;
export type ErrorCode = ErrorBody["error"]["code"];

/** A member as they appear elsewhere: a post's author, a chat's sender, presence. */
export const MemberSummary = z
  .strictObject({
    id: z.string(),
    handle: z.string(),
    name: z.string(),
    location: z.string(),
    timezone: z.string(),
    avatarUrl: z.string().nullable(),
  })
  .openapi("MemberSummary");
export type MemberSummary = z.infer<typeof MemberSummary>;
