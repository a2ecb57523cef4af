import { sql } from "drizzle-orm";
import { index, integer, primaryKey, real, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { PROMISE_MODES } from "../../contract/enums";

export { PROMISE_MODES };

/**
 * The question fields of a post of kind `question` (its title is the post's `title`, its answers the post's top-level
 * comments). The deadline is fixed when the question is asked, from the group's promise then; the state
 * (`unanswered`, `overdue`, `answered`) is computed from the clock on every read.
 */
export const questions = sqliteTable(
  "questions",
  {
    postId: text("post_id").primaryKey(),
    groupId: text("group_id").notNull(),
    authorId: text("author_id").notNull(),
    /** null: the group promises nothing (mode `none`), so the question is never overdue. */
    deadlineAt: integer("deadline_at"),
    /** When 75% of the promise has run: the skills escalation is due from then. */
    nudgeAt: integer("nudge_at"),
    /** The first answer by someone other than the asker: when, which comment, and whether a support member wrote it. */
    answeredAt: integer("answered_at"),
    firstAnswerId: text("first_answer_id"),
    firstAnswerBySupport: integer("first_answer_by_support", { mode: "boolean" }),
    acceptedCommentId: text("accepted_comment_id"),
    /** Each escalation step once: members with matching skills online at 75%, then support and animators at the deadline. */
    nudgedAt: integer("nudged_at"),
    overdueSentAt: integer("overdue_sent_at"),
    /** Asked in an expert's office hour (its id), else null. */
    officeHourId: text("office_hour_id"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    index("questions_group_time").on(t.groupId, t.createdAt, t.postId),
    index("questions_author_time").on(t.authorId, t.createdAt, t.postId),
    // The unanswered queue and the escalation sweep: open questions only, by deadline.
    index("questions_open_group").on(t.groupId, t.deadlineAt, t.postId).where(sql`answered_at IS NULL`),
    index("questions_open_deadline").on(t.deadlineAt, t.postId).where(sql`answered_at IS NULL`),
    index("questions_open_nudge").on(t.nudgeAt).where(sql`answered_at IS NULL AND nudged_at IS NULL`),
    index("questions_answered_group").on(t.groupId, t.answeredAt),
    // The overdue step of the escalation sweep: open questions past due not yet escalated (migration 0009).
    // An office hour's threads (migration 0013).
    index("questions_office_hour").on(t.officeHourId, t.createdAt).where(sql`office_hour_id IS NOT NULL`),
    index("questions_open_overdue").on(t.deadlineAt, t.postId).where(sql`answered_at IS NULL AND overdue_sent_at IS NULL AND deadline_at IS NOT NULL`),
  ],
);

/** One up-vote per member per answer (never on one's own); `comments.vote_count` is kept in the same batch. */
export const answerVotes = sqliteTable(
  "answer_votes",
  {
    commentId: text("comment_id").notNull(),
    userId: text("user_id").notNull(),
    postId: text("post_id").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.commentId, t.userId] }), index("answer_votes_user").on(t.userId)],
);

/**
 * A group's answer-time promise. No row: the network's default (network_settings.default_promise). A row with mode
 * `none` wins over the default.
 */
export const groupPromises = sqliteTable("group_promises", {
  groupId: text("group_id").primaryKey(),
  mode: text("mode", { enum: PROMISE_MODES }).notNull(),
  /** Positive, fractions allowed (0.5 = 30 minutes); null with mode `none`. */
  hours: real("hours"),
  /** JSON array of week days 0 (Sunday) to 6 when the business clock runs. */
  days: text("days").notNull().default("[1,2,3,4,5]"),
  opens: text("opens").notNull().default("09:00"),
  closes: text("closes").notNull().default("18:00"),
  /** An IANA time zone: the group's business hours are read in it. */
  timezone: text("timezone").notNull().default("Europe/Paris"),
  updatedBy: text("updated_by").notNull(),
  updatedAt: integer("updated_at").notNull(),
}, (t) => [index("group_promises_updated_by").on(t.updatedBy)]);

/** Who answers for the group: their answers are support answers, and overdue questions reach them. */
export const supportMembers = sqliteTable(
  "support_members",
  {
    groupId: text("group_id").notNull(),
    userId: text("user_id").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] }), index("support_members_user").on(t.userId)],
);

/**
 * The network's settings: one row (`id` = 1), created with defaults by the migration. JSON columns hold the
 * structured parts (default promise, retention).
 */
export const networkSettings = sqliteTable("network_settings", {
  id: integer("id").primaryKey(),
  name: text("name").notNull(),
  logoKey: text("logo_key"),
  colour: text("colour").notNull(),
  defaultLocale: text("default_locale", { enum: ["en", "fr"] }).notNull(),
  /** JSON: the promise groups without their own follow (same shape as PUT /groups/:id/promise). */
  defaultPromise: text("default_promise").notNull(),
  /** What erasure does with a member's content: keep it under a placeholder author, or delete it. */
  erasure: text("erasure", { enum: ["anonymise", "delete"] }).notNull(),
  /** JSON `{chatDays, notificationDays, auditDays, deliveryDays}`, applied by the cron. */
  retention: text("retention").notNull(),
  updatedBy: text("updated_by"),
  updatedAt: integer("updated_at").notNull(),
});

/**
 * Who is online now (migration 0009): a member's user room writes the row when their first connection opens and
 * deletes it when their last closes. `seenAt` is when the room last confirmed it; a row not confirmed for a few
 * minutes is checked with the room again (a close lost to a restart), and deleted when nobody is connected.
 */
export const presence = sqliteTable("presence", {
  userId: text("user_id").primaryKey(),
  since: integer("since").notNull(),
  seenAt: integer("seen_at").notNull(),
}, (t) => [index("presence_seen").on(t.seenAt)]);

/**
 * An expert's office hour (migration 0013): a live session in a group, from `startsAt` to `endsAt`. Its state
 * (`scheduled`, `live`, `ended`) is read from the clock; `cancelledAt` ends it early (before it starts: it never opens).
 * What is asked in its room becomes question posts (`questions.office_hour_id`).
 */
export const officeHours = sqliteTable(
  "office_hours",
  {
    id: text("id").primaryKey(),
    groupId: text("group_id").notNull(),
    expertId: text("expert_id").notNull(),
    topic: text("topic").notNull(),
    startsAt: integer("starts_at").notNull(),
    endsAt: integer("ends_at").notNull(),
    cancelledAt: integer("cancelled_at"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    index("office_hours_group_start").on(t.groupId, t.startsAt, t.id),
    index("office_hours_start").on(t.startsAt, t.id),
    index("office_hours_expert").on(t.expertId),
  ],
);
