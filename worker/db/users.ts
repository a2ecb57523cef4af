import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { timestamps } from "./columns";
import { ROLES } from "../../contract/enums";

export { ROLES };
export type { Role } from "../../contract/enums";

export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    /** Lowercased; the login name. */
    email: text("email").notNull(),
    /** For @mentions: unique, [a-z0-9._-]. */
    handle: text("handle").notNull(),
    name: text("name").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    title: text("title").notNull().default(""),
    department: text("department").notNull().default(""),
    location: text("location").notNull().default(""),
    timezone: text("timezone").notNull().default("UTC"),
    locale: text("locale", { enum: ["en", "fr"] }).notNull().default("en"),
    /** JSON arrays of strings; also indexed as text by users_fts. */
    languages: text("languages").notNull().default("[]"),
    hobbies: text("hobbies").notNull().default("[]"),
    hotTopics: text("hot_topics").notNull().default("[]"),
    skills: text("skills").notNull().default("[]"),
    phone: text("phone").notNull().default(""),
    bio: text("bio").notNull().default(""),
    /** bio rendered and sanitised at write time. */
    bioHtml: text("bio_html").notNull().default(""),
    /** R2 key of the avatar, with a version suffix so a new upload changes the URL. */
    avatarKey: text("avatar_key"),
    passwordHash: text("password_hash").notNull(),
    /** The latest charter version this member accepted (null: none yet). */
    charterVersion: integer("charter_version"),
    deactivatedAt: integer("deactivated_at"),
    /** The identity provider's subject (`sub`) once the member signed in through SSO. */
    ssoSubject: text("sso_subject"),
    /** The HR directory's id of the member (SCIM `externalId`). */
    externalId: text("external_id"),
    /** Erased (GDPR article 17): the row is the anonymised placeholder that keeps the content's author. */
    erasedAt: integer("erased_at"),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("users_email_unique").on(t.email),
    index("users_sso_subject").on(t.ssoSubject),
    index("users_external_id").on(t.externalId),
    uniqueIndex("users_handle_unique").on(t.handle),
    index("users_directory_name").on(t.name, t.id),
  ],
);

export const sessions = sqliteTable(
  "sessions",
  {
    /** SHA-256 of the cookie token: a stolen database does not yield live sessions. */
    tokenHash: text("token_hash").primaryKey(),
    userId: text("user_id").notNull(),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    /** When the session began through SSO (null: a password or an invitation): erasure accepts it within 10 minutes. */
    ssoAt: integer("sso_at"),
  },
  (t) => [index("sessions_user").on(t.userId)],
);

export const invitations = sqliteTable(
  "invitations",
  {
    id: text("id").primaryKey(),
    tokenHash: text("token_hash").notNull(),
    email: text("email").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    /** Suggested name from a CSV import; the invitee sets their own. */
    name: text("name").notNull().default(""),
    /** JSON array of group ids the member joins on acceptance. */
    groupIds: text("group_ids").notNull().default("[]"),
    invitedBy: text("invited_by").notNull(),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    acceptedAt: integer("accepted_at"),
    acceptedUserId: text("accepted_user_id"),
  },
  (t) => [
    uniqueIndex("invitations_token").on(t.tokenHash),
    index("invitations_email").on(t.email, t.expiresAt),
    index("invitations_created").on(t.createdAt, t.id),
    index("invitations_accepted_user_id").on(t.acceptedUserId),
    index("invitations_invited_by").on(t.invitedBy),
  ],
);

/** Failed logins, per key ("email:…" or "addr:…"), counted over a sliding window for the throttle. */
export const loginFailures = sqliteTable(
  "login_failures",
  {
    key: text("key").notNull(),
    at: integer("at").notNull(),
  },
  (t) => [index("login_failures_key_at").on(t.key, t.at)],
);

export const charterVersions = sqliteTable("charter_versions", {
  version: integer("version").primaryKey(),
  body: text("body").notNull(),
  html: text("html").notNull(),
  publishedBy: text("published_by").notNull(),
  publishedAt: integer("published_at").notNull(),
}, (t) => [index("charter_versions_published_by").on(t.publishedBy)]);

/** Every acceptance is kept: who, which version, when. */
export const charterAcceptances = sqliteTable(
  "charter_acceptances",
  {
    userId: text("user_id").notNull(),
    version: integer("version").notNull(),
    acceptedAt: integer("accepted_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.version] })],
);

export const currentCharterVersion = sql<number | null>`(select max(version) from charter_versions)`;

/** Quiet hours in the member's own time zone ("22:00"–"07:00"), during which notifications wait. */
export const quietHours = sqliteTable("quiet_hours", {
  userId: text("user_id").primaryKey(),
  from: text("from").notNull(),
  to: text("to").notNull(),
});
