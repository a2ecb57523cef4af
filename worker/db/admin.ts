import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { timestamps } from "./columns";

/**
 * Directory provisioning (SCIM 2.0, API.md "Administration and privacy"): the bearer tokens an identity provider
 * presents, the groups it pushes (departments: a group's members are the members whose `users.department` is its
 * display name), and the members it deleted (their SCIM resource is gone; the member stays, deactivated).
 */

export const scimTokens = sqliteTable(
  "scim_tokens",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    /** SHA-256 of the `scim_…` token, shown once at creation. */
    tokenHash: text("token_hash").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at").notNull(),
    /** Written at most once a minute per token. */
    lastUsedAt: integer("last_used_at"),
    revokedAt: integer("revoked_at"),
  },
  (t) => [uniqueIndex("scim_tokens_hash").on(t.tokenHash), index("scim_tokens_created").on(t.createdAt, t.id), index("scim_tokens_created_by").on(t.createdBy)],
);

export const scimGroups = sqliteTable(
  "scim_groups",
  {
    id: text("id").primaryKey(),
    /** The department's name, as members' `department` holds it. */
    displayName: text("display_name").notNull(),
    externalId: text("external_id"),
    ...timestamps,
  },
  (t) => [uniqueIndex("scim_groups_name").on(t.displayName), index("scim_groups_created").on(t.createdAt, t.id)],
);

/**
 * Members an identity provider deleted: deprovisioning ends their access (deactivation) and removes the SCIM resource
 * (a GET answers 404), while their content and their row stay for the administrators (who may erase them).
 */
export const scimDeletedUsers = sqliteTable("scim_deleted_users", {
  userId: text("user_id").primaryKey(),
  deletedAt: integer("deleted_at").notNull(),
});
