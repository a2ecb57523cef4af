import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { timestamps } from "./columns";

import { GROUP_KINDS, GROUP_ROLES, GROUP_VISIBILITIES, NOTIFY_LEVELS } from "../../contract/enums";

export { GROUP_KINDS, GROUP_ROLES, GROUP_VISIBILITIES, NOTIFY_LEVELS };
export type { GroupRole, GroupVisibility } from "../../contract/enums";

export const groups = sqliteTable(
  "groups",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    visibility: text("visibility", { enum: GROUP_VISIBILITIES }).notNull(),
    kind: text("kind", { enum: GROUP_KINDS }).notNull(),
    /** Markdown rules of the group, and their safe HTML rendered at write time. */
    rules: text("rules").notNull().default(""),
    rulesHtml: text("rules_html").notNull().default(""),
    /** A CSS colour (#rrggbb) for the cover band, or an uploaded cover image. */
    coverColor: text("cover_color").notNull().default("#0f5e5e"),
    coverKey: text("cover_key"),
    /** Counters kept in the same batch as the writes that change them. */
    memberCount: integer("member_count").notNull().default(0),
    lastPostAt: integer("last_post_at"),
    createdBy: text("created_by").notNull(),
    ...timestamps,
  },
  (t) => [index("groups_name").on(t.name, t.id), index("groups_visibility_name").on(t.visibility, t.name), index("groups_created_by").on(t.createdBy)],
);

export const groupMembers = sqliteTable(
  "group_members",
  {
    groupId: text("group_id").notNull(),
    userId: text("user_id").notNull(),
    role: text("role", { enum: GROUP_ROLES }).notNull(),
    /** "member" once in; "pending" while a join request waits for an animator. */
    state: text("state", { enum: ["member", "pending"] }).notNull(),
    /** New posts notify: all of them, only mentions, or nothing. */
    notify: text("notify", { enum: NOTIFY_LEVELS }).notNull().default("mentions"),
    /** When the member last opened the group: posts after it are unread. */
    lastReadAt: integer("last_read_at").notNull().default(0),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.groupId, t.userId] }),
    index("group_members_user").on(t.userId, t.state, t.groupId),
    index("group_members_group_state").on(t.groupId, t.state, t.role),
  ],
);
