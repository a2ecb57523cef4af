import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { timestamps } from "./columns";

export const GROUP_VISIBILITIES = ["open", "private", "secret"] as const;
export const GROUP_KINDS = ["community", "project", "wellbeing", "onboarding", "client"] as const;
export const GROUP_ROLES = ["owner", "animator", "member"] as const;

export const groups = sqliteTable(
  "groups",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    visibility: text("visibility", { enum: GROUP_VISIBILITIES }).notNull(),
    kind: text("kind", { enum: GROUP_KINDS }).notNull(),
    createdBy: text("created_by").notNull(),
    ...timestamps,
  },
  (t) => [index("groups_visibility_name").on(t.visibility, t.name)],
);

export const groupMembers = sqliteTable(
  "group_members",
  {
    groupId: text("group_id").notNull(),
    userId: text("user_id").notNull(),
    role: text("role", { enum: GROUP_ROLES }).notNull(),
    /** "member" once in; "pending" while a join request waits for an animator. */
    state: text("state", { enum: ["member", "pending"] }).notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] }), index("group_members_user").on(t.userId, t.state, t.groupId)],
);
