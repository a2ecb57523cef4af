import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * `Idempotency-Key` (API.md "Conventions"): the first answer to a member's POST with a key, kept 24 hours so that the
 * same key answers it again and writes nothing more. A row without a status is a request still being handled.
 */
export const idempotencyKeys = sqliteTable(
  "idempotency_keys",
  {
    userId: text("user_id").notNull(),
    key: text("key").notNull(),
    /** Method, path and SHA-256 of the body: the same key for another request is refused. */
    fingerprint: text("fingerprint").notNull(),
    status: integer("status"),
    contentType: text("content_type"),
    body: text("body"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] }), index("idempotency_keys_time").on(t.createdAt)],
);
