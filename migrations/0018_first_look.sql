ALTER TABLE `posts` ADD `first_look_at` integer;
--> statement-breakpoint
ALTER TABLE `posts` ADD `first_look_told_at` integer;
--> statement-breakpoint
CREATE INDEX `posts_first_look_due` ON `posts` (`first_look_at`) WHERE first_look_at IS NOT NULL AND first_look_told_at IS NULL;
--> statement-breakpoint
CREATE TABLE `post_audiences` (
	`post_id` text NOT NULL,
	`audience` text NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`post_id`, `audience`)
);
--> statement-breakpoint
CREATE INDEX `post_audiences_audience_time` ON `post_audiences` (`audience`,`at`,`post_id`);
