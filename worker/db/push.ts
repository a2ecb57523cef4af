import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { sessions } from "./users";

/**
 * Web push subscriptions (issue 14, item 2): one row per browser (its push service endpoint, unique) that a member
 * turned notifications on in. The keys are the browser's own (RFC 8291): `p256dh` its public key, `auth` its secret.
 * A subscription made from a signed-in session lives as long as that session (`session_hash`, deleted with it: sign-out,
 * deactivation, expiry), so that a shared device stops receiving a member's notifications once they sign out; one made
 * with an API token has none and lives until deleted or until the push service answers 404/410.
 */
export const pushSubscriptions = sqliteTable(
  "push_subscriptions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull(),
    endpoint: text("endpoint").notNull(),
    p256dh: text("p256dh").notNull(),
    auth: text("auth").notNull(),
    /** The SHA-256 of the session cookie it was made from (null: made with an API token). */
    sessionHash: text("session_hash").references(() => sessions.tokenHash, { onDelete: "cascade" }),
    createdAt: integer("created_at").notNull(),
    /** When the push service last accepted a message for it (null: never yet). */
    lastSuccessAt: integer("last_success_at"),
  },
  (t) => [uniqueIndex("push_subscriptions_endpoint").on(t.endpoint), index("push_subscriptions_user").on(t.userId, t.createdAt), index("push_subscriptions_session").on(t.sessionHash)],
);
