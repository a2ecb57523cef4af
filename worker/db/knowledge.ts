import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { timestamps } from "./columns";

/**
 * A group's knowledge (API.md "Questions and knowledge"): the FAQ its animators curate, and the library of files its
 * members share. Both are read where the group's content is; faq_fts (migration 0010) puts FAQ entries in search.
 */
export const faqEntries = sqliteTable(
  "faq_entries",
  {
    id: text("id").primaryKey(),
    groupId: text("group_id").notNull(),
    question: text("question").notNull(),
    /** Markdown, and its HTML rendered and sanitised at write time (as posts are). */
    answer: text("answer").notNull(),
    answerHtml: text("answer_html").notNull(),
    /** "" is the FAQ's unnamed first section. */
    section: text("section").notNull().default(""),
    /** The entry's place within its section, 0 first; the service keeps a section numbered 0..n-1. */
    position: integer("position").notNull().default(0),
    /** The answered question it was made from (POST /posts/:id/faq), else null. */
    sourcePostId: text("source_post_id"),
    authorId: text("author_id").notNull(),
    ...timestamps,
  },
  (t) => [index("faq_entries_group_order").on(t.groupId, t.section, t.position, t.id), index("faq_entries_author_id").on(t.authorId)],
);

/** A file of a group's library: its current (newest) version is the default download; every version is kept. */
export const libraryItems = sqliteTable(
  "library_items",
  {
    id: text("id").primaryKey(),
    groupId: text("group_id").notNull(),
    /** One level of folders; "" is the library's root. */
    folder: text("folder").notNull().default(""),
    name: text("name").notNull(),
    currentVersion: integer("current_version").notNull().default(1),
    /** Downloads of every version, kept in the same batch as each version's own count. */
    downloadCount: integer("download_count").notNull().default(0),
    /** Who added the item (its first version): they may delete it, as the group's animators may. */
    uploaderId: text("uploader_id").notNull(),
    ...timestamps,
  },
  (t) => [index("library_items_group_folder").on(t.groupId, t.folder, t.name, t.id), index("library_items_uploader_id").on(t.uploaderId)],
);

export const libraryVersions = sqliteTable(
  "library_versions",
  {
    itemId: text("item_id").notNull(),
    /** 1, 2, 3… in the order they were uploaded. */
    version: integer("version").notNull(),
    /** The R2 key of the stored bytes (the upload's). */
    fileKey: text("file_key").notNull(),
    fileName: text("file_name").notNull(),
    size: integer("size").notNull(),
    /** Sniffed from the content at upload. */
    type: text("type").notNull(),
    uploaderId: text("uploader_id").notNull(),
    downloadCount: integer("download_count").notNull().default(0),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.version] }), index("library_versions_uploader_id").on(t.uploaderId)],
);
