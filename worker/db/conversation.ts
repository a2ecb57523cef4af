import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { timestamps } from "./columns";

import { NOTIFICATION_KINDS, POST_KINDS, REACTION_KINDS } from "../../contract/enums";

export { NOTIFICATION_KINDS, POST_KINDS, REACTION_KINDS };
export type { PostKind, ReactionKind } from "../../contract/enums";

export const posts = sqliteTable(
  "posts",
  {
    id: text("id").primaryKey(),
    groupId: text("group_id").notNull(),
    authorId: text("author_id").notNull(),
    kind: text("kind", { enum: POST_KINDS }).notNull(),
    /** Link posts (the collaborative watch): the URL and its title. */
    title: text("title").notNull().default(""),
    url: text("url"),
    body: text("body").notNull(),
    /** Rendered and sanitised once, at write time. */
    html: text("html").notNull(),
    /** JSON array of folded #tags found in the body (and given for links). */
    tags: text("tags").notNull().default("[]"),
    /** Announcements only: everyone in the group is asked to read it; receipts in post_reads. */
    mustRead: integer("must_read", { mode: "boolean" }).notNull().default(false),
    commentCount: integer("comment_count").notNull().default(0),
    /** JSON object kind → count, kept in step with reactions. */
    reactionCounts: text("reaction_counts").notNull().default("{}"),
    ratingSum: integer("rating_sum").notNull().default(0),
    ratingCount: integer("rating_count").notNull().default(0),
    pinnedAt: integer("pinned_at"),
    editedAt: integer("edited_at"),
    /** Hidden by a moderator: its author still sees it, marked hidden; nobody else does. */
    hiddenAt: integer("hidden_at"),
    deletedAt: integer("deleted_at"),
    ...timestamps,
    /** First look (worker/db/first-look.ts): when the wider audience reads it (null: no wider audience). */
    firstLookAt: integer("first_look_at"),
    /** When the cron told the wider audience (null: not yet); claimed once, so nobody is told twice. */
    firstLookToldAt: integer("first_look_told_at"),
  },
  (t) => [
    index("posts_group_time").on(t.groupId, t.createdAt, t.id),
    index("posts_author_time").on(t.authorId, t.createdAt, t.id),
    index("posts_group_pinned").on(t.groupId, t.pinnedAt),
    // Unread must-read announcements on the first feed page: only those rows, by group and time.
    index("posts_group_must_read").on(t.groupId, t.createdAt).where(sql`must_read = 1 AND deleted_at IS NULL`),
    index("posts_first_look_due").on(t.firstLookAt).where(sql`first_look_at IS NOT NULL AND first_look_told_at IS NULL`),
  ],
);

export const comments = sqliteTable(
  "comments",
  {
    id: text("id").primaryKey(),
    postId: text("post_id").notNull(),
    /** Replies are one level deep: a reply's parent is a top-level comment. */
    parentId: text("parent_id"),
    authorId: text("author_id").notNull(),
    body: text("body").notNull(),
    html: text("html").notNull(),
    reactionCounts: text("reaction_counts").notNull().default("{}"),
    /** Answers to questions: up-votes, kept in the same batch as answer_votes. */
    voteCount: integer("vote_count").notNull().default(0),
    editedAt: integer("edited_at"),
    hiddenAt: integer("hidden_at"),
    deletedAt: integer("deleted_at"),
    ...timestamps,
  },
  (t) => [index("comments_post_time").on(t.postId, t.createdAt, t.id), index("comments_author").on(t.authorId, t.createdAt)],
);

/** One reaction of a kind per member per post or comment. */
export const reactions = sqliteTable(
  "reactions",
  {
    targetId: text("target_id").notNull(),
    userId: text("user_id").notNull(),
    kind: text("kind", { enum: REACTION_KINDS }).notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.targetId, t.userId, t.kind] }), index("reactions_user_id").on(t.userId)],
);

/** Read receipts of must-read announcements ("read by 412 of 530"). */
export const postReads = sqliteTable(
  "post_reads",
  {
    postId: text("post_id").notNull(),
    userId: text("user_id").notNull(),
    readAt: integer("read_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.postId, t.userId] }), index("post_reads_user").on(t.userId, t.postId)],
);

/** Members' 1–5 ratings of link posts. */
export const linkRatings = sqliteTable(
  "link_ratings",
  {
    postId: text("post_id").notNull(),
    userId: text("user_id").notNull(),
    rating: integer("rating").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.postId, t.userId] }), index("link_ratings_user_id").on(t.userId)],
);

/** Which post carries which tag, by time, for tag pages and the feed of followed tags. */
export const postTags = sqliteTable(
  "post_tags",
  {
    tag: text("tag").notNull(),
    postId: text("post_id").notNull(),
    groupId: text("group_id").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tag, t.createdAt, t.postId] }), index("post_tags_post").on(t.postId)],
);

export const tagFollows = sqliteTable(
  "tag_follows",
  {
    userId: text("user_id").notNull(),
    tag: text("tag").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.tag] })],
);

export const memberFollows = sqliteTable(
  "member_follows",
  {
    followerId: text("follower_id").notNull(),
    followeeId: text("followee_id").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.followerId, t.followeeId] }), index("member_follows_followee").on(t.followeeId)],
);

/**
 * Members who follow a post's thread (its author, commenters, those who asked to), or who muted it: a muted row keeps
 * its member out of the thread's reply and comment notifications, author or commenter as they may be.
 */
export const threadFollows = sqliteTable(
  "thread_follows",
  {
    postId: text("post_id").notNull(),
    userId: text("user_id").notNull(),
    createdAt: integer("created_at").notNull(),
    /** Muted: no "reply" or "comment" notification from this thread (PUT /posts/:id/mute). */
    muted: integer("muted", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.postId, t.userId] }), index("thread_follows_user_id").on(t.userId)],
);

/** Uploaded files (R2), attached to a post or comment once it is written. */
export const files = sqliteTable(
  "files",
  {
    id: text("id").primaryKey(),
    ownerId: text("owner_id").notNull(),
    /** R2 key. */
    key: text("key").notNull(),
    name: text("name").notNull(),
    size: integer("size").notNull(),
    /** Sniffed from the content, not taken from the upload's header. */
    type: text("type").notNull(),
    postId: text("post_id"),
    commentId: text("comment_id"),
    groupId: text("group_id"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("files_post").on(t.postId), index("files_owner").on(t.ownerId, t.createdAt)],
);


export const notifications = sqliteTable(
  "notifications",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull(),
    kind: text("kind", { enum: NOTIFICATION_KINDS }).notNull(),
    actorId: text("actor_id"),
    groupId: text("group_id"),
    postId: text("post_id"),
    commentId: text("comment_id"),
    /** Held back by quiet hours: delivered live (and counted) from this time on. */
    deliverAt: integer("deliver_at").notNull(),
    readAt: integer("read_at"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    index("notifications_user").on(t.userId, t.id),
    index("notifications_user_unread").on(t.userId, t.readAt, t.deliverAt),
    // The cron releases notifications held by quiet hours.
    index("notifications_deliver").on(t.deliverAt),
    index("notifications_actor_id").on(t.actorId),
  ],
);

export const reports = sqliteTable(
  "reports",
  {
    id: text("id").primaryKey(),
    targetType: text("target_type", { enum: ["post", "comment"] }).notNull(),
    targetId: text("target_id").notNull(),
    groupId: text("group_id").notNull(),
    reporterId: text("reporter_id").notNull(),
    reason: text("reason").notNull(),
    state: text("state", { enum: ["open", "hidden", "restored", "dismissed"] }).notNull().default("open"),
    resolvedBy: text("resolved_by"),
    resolvedAt: integer("resolved_at"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("reports_group_state").on(t.groupId, t.state, t.createdAt), index("reports_state").on(t.state, t.createdAt), index("reports_reporter_id").on(t.reporterId), index("reports_resolved_by").on(t.resolvedBy)],
);

/** Every moderation action: who, what, when, before/after. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: text("id").primaryKey(),
    actorId: text("actor_id").notNull(),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id").notNull(),
    groupId: text("group_id"),
    before: text("before"),
    after: text("after"),
    /** The request that wrote it (the answer's X-Request-Id), to tie the row to the server's logs. */
    requestId: text("request_id"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("audit_log_group").on(t.groupId, t.createdAt), index("audit_log_target").on(t.targetId), index("audit_log_actor").on(t.actorId, t.id)],
);
