-- Search (issue: conversations): posts, comments, groups and attachment names, accents folded. External content
-- tables kept in step by triggers; visibility is applied by the queries that read them, never here.
CREATE VIRTUAL TABLE `posts_fts` USING fts5(title, body, tags, content='posts', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE TRIGGER `posts_fts_ai` AFTER INSERT ON `posts` BEGIN
  INSERT INTO posts_fts(rowid, title, body, tags) VALUES (new.rowid, new.title, new.body, new.tags);
END;
--> statement-breakpoint
CREATE TRIGGER `posts_fts_ad` AFTER DELETE ON `posts` BEGIN
  INSERT INTO posts_fts(posts_fts, rowid, title, body, tags) VALUES ('delete', old.rowid, old.title, old.body, old.tags);
END;
--> statement-breakpoint
CREATE TRIGGER `posts_fts_au` AFTER UPDATE OF title, body, tags ON `posts` BEGIN
  INSERT INTO posts_fts(posts_fts, rowid, title, body, tags) VALUES ('delete', old.rowid, old.title, old.body, old.tags);
  INSERT INTO posts_fts(rowid, title, body, tags) VALUES (new.rowid, new.title, new.body, new.tags);
END;
--> statement-breakpoint
CREATE VIRTUAL TABLE `comments_fts` USING fts5(body, content='comments', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE TRIGGER `comments_fts_ai` AFTER INSERT ON `comments` BEGIN
  INSERT INTO comments_fts(rowid, body) VALUES (new.rowid, new.body);
END;
--> statement-breakpoint
CREATE TRIGGER `comments_fts_ad` AFTER DELETE ON `comments` BEGIN
  INSERT INTO comments_fts(comments_fts, rowid, body) VALUES ('delete', old.rowid, old.body);
END;
--> statement-breakpoint
CREATE TRIGGER `comments_fts_au` AFTER UPDATE OF body ON `comments` BEGIN
  INSERT INTO comments_fts(comments_fts, rowid, body) VALUES ('delete', old.rowid, old.body);
  INSERT INTO comments_fts(rowid, body) VALUES (new.rowid, new.body);
END;
--> statement-breakpoint
CREATE VIRTUAL TABLE `groups_fts` USING fts5(name, description, content='groups', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE TRIGGER `groups_fts_ai` AFTER INSERT ON `groups` BEGIN
  INSERT INTO groups_fts(rowid, name, description) VALUES (new.rowid, new.name, new.description);
END;
--> statement-breakpoint
CREATE TRIGGER `groups_fts_ad` AFTER DELETE ON `groups` BEGIN
  INSERT INTO groups_fts(groups_fts, rowid, name, description) VALUES ('delete', old.rowid, old.name, old.description);
END;
--> statement-breakpoint
CREATE TRIGGER `groups_fts_au` AFTER UPDATE OF name, description ON `groups` BEGIN
  INSERT INTO groups_fts(groups_fts, rowid, name, description) VALUES ('delete', old.rowid, old.name, old.description);
  INSERT INTO groups_fts(rowid, name, description) VALUES (new.rowid, new.name, new.description);
END;
--> statement-breakpoint
CREATE VIRTUAL TABLE `files_fts` USING fts5(name, content='files', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE TRIGGER `files_fts_ai` AFTER INSERT ON `files` BEGIN
  INSERT INTO files_fts(rowid, name) VALUES (new.rowid, new.name);
END;
--> statement-breakpoint
CREATE TRIGGER `files_fts_ad` AFTER DELETE ON `files` BEGIN
  INSERT INTO files_fts(files_fts, rowid, name) VALUES ('delete', old.rowid, old.name);
END;
--> statement-breakpoint
CREATE TRIGGER `files_fts_au` AFTER UPDATE OF name ON `files` BEGIN
  INSERT INTO files_fts(files_fts, rowid, name) VALUES ('delete', old.rowid, old.name);
  INSERT INTO files_fts(rowid, name) VALUES (new.rowid, new.name);
END;
