CREATE TABLE `presence` (
	`user_id` text PRIMARY KEY NOT NULL,
	`since` integer NOT NULL,
	`seen_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `presence_seen` ON `presence` (`seen_at`);--> statement-breakpoint
CREATE INDEX `questions_open_overdue` ON `questions` (`deadline_at`,`post_id`) WHERE answered_at IS NULL AND overdue_sent_at IS NULL AND deadline_at IS NOT NULL;
