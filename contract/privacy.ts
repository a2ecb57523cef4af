import { z } from "@hono/zod-openapi";
import { Secret } from "./common";

/**
 * The member's own data (API.md "Administration and privacy", GDPR articles 15, 17 and 20): the archive of
 * `GET /me/export` and the confirmation `DELETE /me` takes.
 */

/** `DELETE /me`: the member's password, or nothing when the session began through SSO within the last 10 minutes. */
export const EraseMeBody = z.strictObject({ password: Secret(1, 200).optional() }).openapi("EraseMeBody");
export type EraseMeBody = z.infer<typeof EraseMeBody>;

/** A stored row, as the database holds it (column names as in the schema), secrets left out. */
const Row = z.record(z.string(), z.unknown());

/**
 * Everything that carries the member's identity: their profile row, then, per table, every row that names them (their
 * posts, comments, reactions, ideas, supports, questions, votes, files, notifications, follows, sessions without token
 * hashes, tokens without secrets, audit rows about them…), the chat messages still stored in rooms, and their files'
 * addresses.
 */
export const MemberExport = z
  .strictObject({
    format: z.literal("comptoir-export/1"),
    exportedAt: z.number().int(),
    memberId: z.string(),
    tables: z.record(z.string(), z.array(Row)),
    rooms: z.array(z.strictObject({ kind: z.enum(["coffee-room", "office-hours"]), roomId: z.string(), frames: z.array(Row) })),
    files: z.array(z.strictObject({ id: z.string(), name: z.string(), type: z.string(), size: z.number().int(), url: z.string() })),
  })
  .openapi("MemberExport");
export type MemberExport = z.infer<typeof MemberExport>;
