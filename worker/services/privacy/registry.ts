/**
 * The member's data, table by table (GDPR articles 15, 17 and 20): for EVERY table of the schema, which columns name a
 * member, what the export takes, and what erasure does. worker/services/privacy/gdpr.test.ts reads the schema itself
 * (sqlite_master) and fails for a table without an entry here, so a table added later cannot be forgotten: adding one
 * is one entry.
 *
 * Erasure replaces the member by a placeholder (a NEW id, "Deleted member", no email that was theirs, deactivated):
 * - `personal` rows are the member's alone (sessions, tokens, follows, notifications, memberships, opt-ins…): deleted.
 * - `reassign` columns name the member as the one who did something (an author, an actor, a creator): they then name
 *   the placeholder. Under the `delete` setting, `content` columns are emptied as well (what they wrote goes; the row
 *   stays a tombstone, as when an author deletes their own post, so that threads and counters stay whole).
 * - `scrub` columns hold free JSON text that may quote the member (audit before/after, webhook payloads): their id,
 *   email and name are replaced by the placeholder's.
 * - FTS tables follow their content table through its triggers; the engine then merges each index (`optimize`) so that
 *   no deleted term stays in the index's own pages.
 */

/** Builds a statement's SQL and its arguments from the erasure's facts. */
export type Facts = { oldId: string; oldEmail: string; oldName: string; newId: string; newName: string; now: number; mode: "anonymise" | "delete" };
export type Statement = { sql: string; args: (string | number | null)[] };

export type Rule = {
  /** Columns that hold a member's id. */
  ids?: string[];
  /** Columns that hold their email (matched exactly). */
  emails?: string[];
  /** The export: rows where one of these columns is the member (default: `ids`); `omit` leaves out secrets. `false`: nothing to export, and why. */
  export?: { by?: string[]; omit?: string[] } | { skip: string };
  /** The member's own rows: deleted on erasure (where one of `ids`, or `emails`, is theirs). */
  personal?: boolean;
  /** Columns naming who did something: set to the placeholder's id. */
  reassign?: string[];
  /** Under `delete`: the columns emptied (to these values) on the rows the member owns (`owner`). */
  content?: { owner: string; set: Record<string, string | number | null>; deletedAt?: string };
  /** Free text (JSON) that may quote the member: their id, email and name replaced. */
  scrub?: string[];
  /** Statements run first for this table (counters kept in step, rows that depend on the member's). */
  before?: (f: Facts) => Statement[];
  /** A full-text index (its content table's triggers keep it in step; the engine merges it after erasure). */
  fts?: boolean;
  /** Why a table holds nothing of a member (system tables, counters, settings). */
  none?: string;
};

const FTS_SHADOWS = ["data", "idx", "docsize", "config"] as const;
function fts(name: string): Record<string, Rule> {
  const out: Record<string, Rule> = { [name]: { fts: true, export: { skip: "an index of rows exported from its content table" } } };
  for (const s of FTS_SHADOWS) out[`${name}_${s}`] = { none: `the ${name} index's own storage (merged after erasure)` };
  return out;
}

export const REGISTRY: Record<string, Rule> = {
  // The database's own tables.
  d1_migrations: { none: "the migrations applied" },
  _cf_KV: { none: "the platform's own table" },
  _cf_METADATA: { none: "the platform's own table" },
  sqlite_sequence: { none: "autoincrement counters" },

  // Identity.
  users: { ids: ["id"], export: { omit: ["password_hash"] }, personal: true },
  sessions: { ids: ["user_id"], export: { omit: ["token_hash"] }, personal: true },
  invitations: {
    ids: ["accepted_user_id", "invited_by"],
    emails: ["email"],
    export: { by: ["accepted_user_id", "email"], omit: ["token_hash"] },
    // The member's own invitation goes (it holds their email); those they sent name the placeholder.
    before: (f) => [{ sql: "DELETE FROM invitations WHERE email = ? OR accepted_user_id = ?", args: [f.oldEmail, f.oldId] }],
    reassign: ["invited_by"],
  },
  login_failures: {
    export: { skip: "throttle counters keyed by email, kept minutes" },
    before: (f) => [{ sql: "DELETE FROM login_failures WHERE key = ?", args: [`email:${f.oldEmail}`] }],
  },
  charter_versions: { ids: ["published_by"], export: {}, reassign: ["published_by"] },
  charter_acceptances: { ids: ["user_id"], export: {}, personal: true },
  quiet_hours: { ids: ["user_id"], export: {}, personal: true },

  // Groups.
  groups: { ids: ["created_by"], export: {}, reassign: ["created_by"] },
  group_members: {
    ids: ["user_id"],
    export: {},
    personal: true,
    before: (f) => [{ sql: "UPDATE groups SET member_count = max(member_count - 1, 0) WHERE id IN (SELECT group_id FROM group_members WHERE user_id = ? AND state = 'member')", args: [f.oldId] }],
  },

  // Conversation.
  posts: {
    ids: ["author_id"],
    export: { by: ["author_id"] },
    reassign: ["author_id"],
    content: { owner: "author_id", set: { title: "", url: null, body: "", html: "", tags: "[]", must_read: 0 }, deletedAt: "deleted_at" },
    // Others' @mentions of the member link to their id.
    scrub: ["html"],
  },
  post_tags: {
    export: { skip: "tags of posts, exported with the posts" },
    before: (f) => (f.mode === "delete" ? [{ sql: "DELETE FROM post_tags WHERE post_id IN (SELECT id FROM posts WHERE author_id = ?)", args: [f.oldId] }] : []),
  },
  // First look (issue 14): the wider audience of an announcement, group ids or "network"; no member in it.
  post_audiences: {
    export: { skip: "the audience of an announcement, exported with the post" },
    before: (f) => (f.mode === "delete" ? [{ sql: "DELETE FROM post_audiences WHERE post_id IN (SELECT id FROM posts WHERE author_id = ?)", args: [f.oldId] }] : []),
  },
  comments: {
    ids: ["author_id"],
    export: {},
    reassign: ["author_id"],
    content: { owner: "author_id", set: { body: "", html: "" }, deletedAt: "deleted_at" },
    scrub: ["html"],
  },
  reactions: { ids: ["user_id"], export: {}, reassign: ["user_id"] },
  post_reads: { ids: ["user_id"], export: {}, personal: true },
  link_ratings: { ids: ["user_id"], export: {}, reassign: ["user_id"] },
  tag_follows: { ids: ["user_id"], export: {}, personal: true },
  member_follows: { ids: ["follower_id", "followee_id"], export: {}, personal: true },
  thread_follows: { ids: ["user_id"], export: {}, personal: true },
  files: { ids: ["owner_id"], export: { omit: ["key"] }, personal: true },
  notifications: { ids: ["user_id", "actor_id"], export: { by: ["user_id"] }, personal: false, before: (f) => [{ sql: "DELETE FROM notifications WHERE user_id = ?", args: [f.oldId] }], reassign: ["actor_id"] },
  reports: { ids: ["reporter_id", "resolved_by"], export: { by: ["reporter_id"] }, reassign: ["reporter_id", "resolved_by"] },
  audit_log: { ids: ["actor_id", "target_id"], export: {}, reassign: ["actor_id", "target_id"], scrub: ["before", "after"] },

  // Coffee machine.
  coffee_rooms: { ids: ["created_by"], export: {}, reassign: ["created_by"] },
  coffee_optins: { ids: ["user_id"], export: {}, personal: true },
  coffee_pairings: { none: "pairings name rooms and weeks; their members are in coffee_pairing_members" },
  coffee_pairing_members: { ids: ["user_id"], export: {}, personal: true },
  coffee_left_out: { ids: ["user_id"], export: {}, personal: true },
  coffee_runs: { none: "weekly counts" },

  // Integrations.
  webhook_endpoints: { ids: ["created_by"], export: { omit: ["secret", "previous_secret"] }, reassign: ["created_by"] },
  webhook_deliveries: { export: { skip: "the network's delivery log (ids only, replaced on erasure)" }, scrub: ["payload"] },
  webhook_attempts: { none: "receivers' answers to deliveries" },
  incoming_hooks: { ids: ["created_by"], export: { omit: ["token_hash"] }, reassign: ["created_by"] },
  api_tokens: { ids: ["user_id"], export: { omit: ["token_hash"] }, personal: true },
  rate_windows: { none: "request counters keyed by token or hook, kept a minute" },
  idempotency_keys: { ids: ["user_id"], export: { omit: ["body"] }, personal: true, scrub: ["body"] },

  // Ideas.
  campaigns: { ids: ["created_by"], export: {}, reassign: ["created_by"] },
  ideas: { ids: ["author_id"], export: {}, reassign: ["author_id"] },
  idea_supports: { ids: ["user_id"], export: {}, reassign: ["user_id"] },
  idea_history: { ids: ["by_id"], export: {}, reassign: ["by_id"] },
  idea_boxes: { none: "which groups have an idea box" },

  // Questions and settings.
  questions: { ids: ["author_id"], export: {}, reassign: ["author_id"] },
  answer_votes: { ids: ["user_id"], export: {}, reassign: ["user_id"] },
  group_promises: { ids: ["updated_by"], export: {}, reassign: ["updated_by"] },
  support_members: { ids: ["user_id"], export: {}, personal: true },
  network_settings: { ids: ["updated_by"], export: {}, reassign: ["updated_by"] },
  // Who is online now (the user room's first and last connection).
  presence: { ids: ["user_id"], export: {}, personal: true },

  // Expert office hours: the expert's session (its topic is their text); what was asked is in questions and posts.
  office_hours: { ids: ["expert_id"], export: {}, reassign: ["expert_id"], content: { owner: "expert_id", set: { topic: "" } } },

  // FAQ and library: the group's content, kept under the placeholder as posts are.
  faq_entries: { ids: ["author_id"], export: {}, reassign: ["author_id"] },
  library_items: { ids: ["uploader_id"], export: {}, reassign: ["uploader_id"] },
  library_versions: { ids: ["uploader_id"], export: { omit: ["file_key"] }, reassign: ["uploader_id"] },

  // Single sign-on and SCIM.
  sso_config: { ids: ["updated_by"], export: {}, reassign: ["updated_by"] },
  sso_pending: { none: "sign-ins under way: a hashed state, a nonce and a verifier, no member (kept 10 minutes)" },
  scim_tokens: { ids: ["created_by"], export: { omit: ["token_hash"] }, reassign: ["created_by"] },
  scim_groups: { none: "the HR directory's departments (their members are users.department)" },
  scim_deleted_users: { ids: ["user_id"], export: {}, personal: true },

  // Web push: the member's browsers with notifications on (the endpoint and keys are the browser's, the session's hash a secret).
  push_subscriptions: { ids: ["user_id"], export: { omit: ["session_hash", "auth"] }, personal: true },

  // Full-text indexes (their content tables' triggers keep them in step).
  ...fts("users_fts"),
  ...fts("posts_fts"),
  ...fts("faq_fts"),
  ...fts("comments_fts"),
  ...fts("groups_fts"),
  ...fts("files_fts"),
};
