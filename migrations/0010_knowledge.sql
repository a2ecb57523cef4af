CREATE TABLE `faq_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`question` text NOT NULL,
	`answer` text NOT NULL,
	`answer_html` text NOT NULL,
	`section` text DEFAULT '' NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`source_post_id` text,
	`author_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `faq_entries_group_order` ON `faq_entries` (`group_id`,`section`,`position`,`id`);--> statement-breakpoint
CREATE TABLE `library_items` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`folder` text DEFAULT '' NOT NULL,
	`name` text NOT NULL,
	`current_version` integer DEFAULT 1 NOT NULL,
	`download_count` integer DEFAULT 0 NOT NULL,
	`uploader_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `library_items_group_folder` ON `library_items` (`group_id`,`folder`,`name`,`id`);--> statement-breakpoint
CREATE TABLE `library_versions` (
	`item_id` text NOT NULL,
	`version` integer NOT NULL,
	`file_key` text NOT NULL,
	`file_name` text NOT NULL,
	`size` integer NOT NULL,
	`type` text NOT NULL,
	`uploader_id` text NOT NULL,
	`download_count` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`item_id`, `version`)
);
--> statement-breakpoint
-- FAQ entries in search (GET /search, type faq): question, answer and section, accents folded. Kept in step by
-- triggers; visibility is applied by the queries that read it (the group's readers), never here.
CREATE VIRTUAL TABLE `faq_fts` USING fts5(question, answer, section, content='faq_entries', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE TRIGGER `faq_fts_ai` AFTER INSERT ON `faq_entries` BEGIN
  INSERT INTO faq_fts(rowid, question, answer, section) VALUES (new.rowid, new.question, new.answer, new.section);
END;
--> statement-breakpoint
CREATE TRIGGER `faq_fts_ad` AFTER DELETE ON `faq_entries` BEGIN
  INSERT INTO faq_fts(faq_fts, rowid, question, answer, section) VALUES ('delete', old.rowid, old.question, old.answer, old.section);
END;
--> statement-breakpoint
CREATE TRIGGER `faq_fts_au` AFTER UPDATE OF question, answer, section ON `faq_entries` BEGIN
  INSERT INTO faq_fts(faq_fts, rowid, question, answer, section) VALUES ('delete', old.rowid, old.question, old.answer, old.section);
  INSERT INTO faq_fts(rowid, question, answer, section) VALUES (new.rowid, new.question, new.answer, new.section);
END;
