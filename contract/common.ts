import { z } from "@hono/zod-openapi";

/**
 * Pieces every resource's contract shares. Request schemas are strict (an unknown field is refused); response schemas
 * are strict too, so that a field a view gains without the contract fails the response check of the tests.
 */

export const Id = (prefix: string) => z.string().regex(new RegExp(`^${prefix}_[0-9a-z]{26}$`), `Not a ${prefix}_ id`);
export const Email = z.email().max(254).transform((e) => e.trim().toLowerCase());
export const Password = z.string().min(10, "At least 10 characters").max(200);
export const PersonName = z.string().trim().min(1).max(100);
/** Markdown bodies of posts and comments. */
export const Body = z.string().trim().min(1).max(40_000);
export const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM, 24-hour");
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
