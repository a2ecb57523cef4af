import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { timestamps } from "./columns";
import { IDEA_STATUSES } from "../../contract/enums";

export { IDEA_STATUSES };

/**
 * The group that holds the posts of network-wide campaigns' ideas (posts.group_id is NOT NULL). It is an `open` group
 * nobody is a member of: exactly "every member reads it, guests never" under the group rules every path already
 * applies (feed, search, access, notifications, webhooks). It is created with the first network-wide campaign, left
 * out of the group routes (404) and of the group list, and its name is not in groups_fts (docs/API.md "Ideas").
 */
export const NETWORK_IDEAS_GROUP_ID = "grp_0000000000networkwideideas";

/** A time-boxed call for ideas: in one group (its members take part) or network-wide (`group_id` null). */
export const campaigns = sqliteTable(
  "campaigns",
  {
    id: text("id").primaryKey(),
    /** null: network-wide (its ideas' posts live in {@link NETWORK_IDEAS_GROUP_ID}). */
    groupId: text("group_id"),
    title: text("title").notNull(),
    brief: text("brief").notNull(),
    briefHtml: text("brief_html").notNull(),
    startsAt: integer("starts_at").notNull(),
    endsAt: integer("ends_at").notNull(),
    /** Supports one member may give in this campaign; null: no limit. */
    supportLimit: integer("support_limit"),
    createdBy: text("created_by").notNull(),
    /** When the cron sent campaign.opened / campaign.closed (each once); null until then. */
    openedSentAt: integer("opened_sent_at"),
    closedSentAt: integer("closed_sent_at"),
    ...timestamps,
  },
  (t) => [index("campaigns_group").on(t.groupId, t.startsAt), index("campaigns_starts").on(t.startsAt, t.id), index("campaigns_ends").on(t.endsAt), index("campaigns_created_by").on(t.createdBy)],
);

/** The idea fields of a post of kind `idea`: where it was posted (a campaign or a group's box), its funnel, its supports. */
export const ideas = sqliteTable(
  "ideas",
  {
    postId: text("post_id").primaryKey(),
    campaignId: text("campaign_id"),
    /** The group whose permanent idea box took it (null for a campaign's idea). */
    boxGroupId: text("box_group_id"),
    /** The posts' group (the campaign's group, the box's group, or the network's ideas group). */
    groupId: text("group_id").notNull(),
    authorId: text("author_id").notNull(),
    status: text("status", { enum: IDEA_STATUSES }).notNull().default("submitted"),
    /** Kept in the same batch as the supports that change it. */
    supportCount: integer("support_count").notNull().default(0),
    /** A duplicate merged into another idea of the same campaign or box. */
    mergedInto: text("merged_into"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    index("ideas_campaign_rank").on(t.campaignId, t.supportCount, t.createdAt, t.postId),
    index("ideas_campaign_new").on(t.campaignId, t.createdAt, t.postId),
    index("ideas_box_rank").on(t.boxGroupId, t.supportCount, t.createdAt, t.postId),
    index("ideas_box_new").on(t.boxGroupId, t.createdAt, t.postId),
    index("ideas_author_id").on(t.authorId),
  ],
);

/** One support per member per idea. `campaign_id` carries the idea's campaign, to count a member's supports there. */
export const ideaSupports = sqliteTable(
  "idea_supports",
  {
    ideaId: text("idea_id").notNull(),
    userId: text("user_id").notNull(),
    campaignId: text("campaign_id"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.ideaId, t.userId] }),
    index("idea_supports_user_campaign").on(t.userId, t.campaignId),
    // A campaign's supporters (its counts, the statistics) from the index alone.
    index("idea_supports_campaign_user").on(t.campaignId, t.userId),
  ],
);

/** Every status change of an idea, with its public reason. */
export const ideaHistory = sqliteTable(
  "idea_history",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    ideaId: text("idea_id").notNull(),
    status: text("status", { enum: IDEA_STATUSES }).notNull(),
    reason: text("reason").notNull(),
    byId: text("by_id"),
    at: integer("at").notNull(),
  },
  (t) => [index("idea_history_idea").on(t.ideaId, t.at), index("idea_history_by_id").on(t.byId)],
);

/** Groups with a permanent idea box (a group setting: PATCH /groups/:id {ideaBox}). */
export const ideaBoxes = sqliteTable("idea_boxes", {
  groupId: text("group_id").primaryKey(),
  createdAt: integer("created_at").notNull(),
});
