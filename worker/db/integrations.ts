import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { timestamps } from "./columns";
import { API_SCOPES, WEBHOOK_DELIVERY_STATES, WEBHOOK_DISABLED_REASONS } from "../../contract/enums";

export { API_SCOPES, WEBHOOK_DELIVERY_STATES, WEBHOOK_DISABLED_REASONS };

/**
 * Integrations (API.md "Integrations"): outgoing webhook endpoints with their deliveries and attempts, incoming hooks
 * that post into a group, members' API tokens, and the fixed-window counters of their rate limits.
 */

export const webhookEndpoints = sqliteTable("webhook_endpoints", {
  id: text("id").primaryKey(),
  url: text("url").notNull(),
  description: text("description").notNull().default(""),
  /** JSON array of subscribed event types. */
  events: text("events").notNull(),
  /** JSON array of ids of the non-open groups whose content it may carry (open groups' always). */
  groupIds: text("group_ids").notNull().default("[]"),
  /** The signing secret, `whsec_…` (kept, not hashed: it signs every delivery). */
  secret: text("secret").notNull(),
  /** After a rotation, the previous secret also signs until `previous_secret_until`. */
  previousSecret: text("previous_secret"),
  previousSecretUntil: integer("previous_secret_until"),
  enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
  disabledReason: text("disabled_reason", { enum: WEBHOOK_DISABLED_REASONS }),
  /** When the current run of failed attempts began (null after any success). */
  failingSince: integer("failing_since"),
  createdBy: text("created_by").notNull(),
  ...timestamps,
}, (t) => [index("webhook_endpoints_created_by").on(t.createdBy)]);

export const webhookDeliveries = sqliteTable(
  "webhook_deliveries",
  {
    /** The `webhook-id` header: the same for every attempt and replay of this delivery. */
    id: text("id").primaryKey(),
    endpointId: text("endpoint_id").notNull(),
    type: text("type").notNull(),
    /** The exact JSON body sent, `{type, timestamp, data}`. */
    payload: text("payload").notNull(),
    state: text("state", { enum: WEBHOOK_DELIVERY_STATES }).notNull(),
    attemptCount: integer("attempt_count").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at"),
    ...timestamps,
  },
  (t) => [index("webhook_deliveries_endpoint_time").on(t.endpointId, t.createdAt, t.id)],
);

export const webhookAttempts = sqliteTable(
  "webhook_attempts",
  {
    deliveryId: text("delivery_id").notNull(),
    /** 1, 2, …: the attempt's number within its delivery (replays continue the count). */
    n: integer("n").notNull(),
    at: integer("at").notNull(),
    /** The receiver's status; null when no answer came (timeout, refused address, network error). */
    statusCode: integer("status_code"),
    latencyMs: integer("latency_ms").notNull(),
    /** The first 1 KB of the answer, or what went wrong. */
    response: text("response").notNull().default(""),
  },
  (t) => [primaryKey({ columns: [t.deliveryId, t.n] })],
);

export const incomingHooks = sqliteTable(
  "incoming_hooks",
  {
    id: text("id").primaryKey(),
    groupId: text("group_id").notNull(),
    name: text("name").notNull(),
    avatarKey: text("avatar_key"),
    /** SHA-256 of the secret in the hook's URL. */
    tokenHash: text("token_hash").notNull(),
    createdBy: text("created_by").notNull(),
    lastUsedAt: integer("last_used_at"),
    revokedAt: integer("revoked_at"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("incoming_hooks_token").on(t.tokenHash), index("incoming_hooks_group").on(t.groupId, t.createdAt), index("incoming_hooks_created_by").on(t.createdBy)],
);

export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull(),
    name: text("name").notNull(),
    /** JSON array of scopes. */
    scopes: text("scopes").notNull(),
    /** SHA-256 of the `cpt_…` token. */
    tokenHash: text("token_hash").notNull(),
    expiresAt: integer("expires_at"),
    lastUsedAt: integer("last_used_at"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("api_tokens_hash").on(t.tokenHash), index("api_tokens_user").on(t.userId, t.createdAt)],
);

/** Fixed-window request counters (API tokens, incoming hooks): one row per key and window start. */
export const rateWindows = sqliteTable(
  "rate_windows",
  {
    key: text("key").notNull(),
    windowStart: integer("window_start").notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);
