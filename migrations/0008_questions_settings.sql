CREATE TABLE `answer_votes` (
	`comment_id` text NOT NULL,
	`user_id` text NOT NULL,
	`post_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`comment_id`, `user_id`)
);
--> statement-breakpoint
CREATE INDEX `answer_votes_user` ON `answer_votes` (`user_id`);--> statement-breakpoint
CREATE TABLE `group_promises` (
	`group_id` text PRIMARY KEY NOT NULL,
	`mode` text NOT NULL,
	`hours` real,
	`days` text DEFAULT '[1,2,3,4,5]' NOT NULL,
	`opens` text DEFAULT '09:00' NOT NULL,
	`closes` text DEFAULT '18:00' NOT NULL,
	`timezone` text DEFAULT 'Europe/Paris' NOT NULL,
	`updated_by` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `network_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`logo_key` text,
	`colour` text NOT NULL,
	`default_locale` text NOT NULL,
	`default_promise` text NOT NULL,
	`erasure` text NOT NULL,
	`retention` text NOT NULL,
	`updated_by` text,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `questions` (
	`post_id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`author_id` text NOT NULL,
	`deadline_at` integer,
	`nudge_at` integer,
	`answered_at` integer,
	`first_answer_id` text,
	`first_answer_by_support` integer,
	`accepted_comment_id` text,
	`nudged_at` integer,
	`overdue_sent_at` integer,
	`office_hour_id` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `questions_group_time` ON `questions` (`group_id`,`created_at`,`post_id`);--> statement-breakpoint
CREATE INDEX `questions_author_time` ON `questions` (`author_id`,`created_at`,`post_id`);--> statement-breakpoint
CREATE INDEX `questions_open_group` ON `questions` (`group_id`,`deadline_at`,`post_id`) WHERE answered_at IS NULL;--> statement-breakpoint
CREATE INDEX `questions_open_deadline` ON `questions` (`deadline_at`,`post_id`) WHERE answered_at IS NULL;--> statement-breakpoint
CREATE INDEX `questions_open_nudge` ON `questions` (`nudge_at`) WHERE answered_at IS NULL AND nudged_at IS NULL;--> statement-breakpoint
CREATE INDEX `questions_answered_group` ON `questions` (`group_id`,`answered_at`);--> statement-breakpoint
CREATE TABLE `support_members` (
	`group_id` text NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`group_id`, `user_id`)
);
--> statement-breakpoint
CREATE INDEX `support_members_user` ON `support_members` (`user_id`);--> statement-breakpoint
ALTER TABLE `sessions` ADD `sso_at` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `sso_subject` text;--> statement-breakpoint
ALTER TABLE `users` ADD `external_id` text;--> statement-breakpoint
ALTER TABLE `users` ADD `erased_at` integer;--> statement-breakpoint
CREATE INDEX `users_sso_subject` ON `users` (`sso_subject`);--> statement-breakpoint
CREATE INDEX `users_external_id` ON `users` (`external_id`);--> statement-breakpoint
ALTER TABLE `audit_log` ADD `request_id` text;--> statement-breakpoint
ALTER TABLE `comments` ADD `vote_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
INSERT INTO `network_settings` (`id`, `name`, `logo_key`, `colour`, `default_locale`, `default_promise`, `erasure`, `retention`, `updated_by`, `updated_at`) VALUES (1, 'Comptoir', NULL, '#0f5e5e', 'en', '{"mode":"none"}', 'anonymise', '{"chatDays":365,"notificationDays":180,"auditDays":1825,"deliveryDays":30}', NULL, 0);
