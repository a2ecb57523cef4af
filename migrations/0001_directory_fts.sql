-- The people directory: full-text over what colleagues look each other up by, accents folded ("sao paulo" finds
-- "São Paulo"). External content: the text lives in users; these triggers keep the index in step.
CREATE VIRTUAL TABLE `users_fts` USING fts5(
  name, handle, title, department, location, skills, hobbies, hot_topics, languages, bio,
  content='users', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `users_fts_ai` AFTER INSERT ON `users` BEGIN
  INSERT INTO users_fts(rowid, name, handle, title, department, location, skills, hobbies, hot_topics, languages, bio)
  VALUES (new.rowid, new.name, new.handle, new.title, new.department, new.location, new.skills, new.hobbies, new.hot_topics, new.languages, new.bio);
END;
--> statement-breakpoint
CREATE TRIGGER `users_fts_ad` AFTER DELETE ON `users` BEGIN
  INSERT INTO users_fts(users_fts, rowid, name, handle, title, department, location, skills, hobbies, hot_topics, languages, bio)
  VALUES ('delete', old.rowid, old.name, old.handle, old.title, old.department, old.location, old.skills, old.hobbies, old.hot_topics, old.languages, old.bio);
END;
--> statement-breakpoint
CREATE TRIGGER `users_fts_au` AFTER UPDATE OF name, handle, title, department, location, skills, hobbies, hot_topics, languages, bio ON `users` BEGIN
  INSERT INTO users_fts(users_fts, rowid, name, handle, title, department, location, skills, hobbies, hot_topics, languages, bio)
  VALUES ('delete', old.rowid, old.name, old.handle, old.title, old.department, old.location, old.skills, old.hobbies, old.hot_topics, old.languages, old.bio);
  INSERT INTO users_fts(rowid, name, handle, title, department, location, skills, hobbies, hot_topics, languages, bio)
  VALUES (new.rowid, new.name, new.handle, new.title, new.department, new.location, new.skills, new.hobbies, new.hot_topics, new.languages, new.bio);
END;
