CREATE TABLE `campaigns` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text,
	`title` text NOT NULL,
	`brief` text NOT NULL,
	`brief_html` text NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`support_limit` integer,
	`created_by` text NOT NULL,
	`opened_sent_at` integer,
	`closed_sent_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `campaigns_group` ON `campaigns` (`group_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `campaigns_starts` ON `campaigns` (`starts_at`,`id`);--> statement-breakpoint
CREATE INDEX `campaigns_ends` ON `campaigns` (`ends_at`);--> statement-breakpoint
CREATE TABLE `idea_boxes` (
	`group_id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `idea_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`idea_id` text NOT NULL,
	`status` text NOT NULL,
	`reason` text NOT NULL,
	`by_id` text,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `idea_history_idea` ON `idea_history` (`idea_id`,`at`);--> statement-breakpoint
CREATE TABLE `idea_supports` (
	`idea_id` text NOT NULL,
	`user_id` text NOT NULL,
	`campaign_id` text,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`idea_id`, `user_id`)
);
--> statement-breakpoint
CREATE INDEX `idea_supports_user_campaign` ON `idea_supports` (`user_id`,`campaign_id`);--> statement-breakpoint
CREATE INDEX `idea_supports_campaign_user` ON `idea_supports` (`campaign_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `ideas` (
	`post_id` text PRIMARY KEY NOT NULL,
	`campaign_id` text,
	`box_group_id` text,
	`group_id` text NOT NULL,
	`author_id` text NOT NULL,
	`status` text DEFAULT 'submitted' NOT NULL,
	`support_count` integer DEFAULT 0 NOT NULL,
	`merged_into` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ideas_campaign_rank` ON `ideas` (`campaign_id`,`support_count`,`created_at`,`post_id`);--> statement-breakpoint
CREATE INDEX `ideas_campaign_new` ON `ideas` (`campaign_id`,`created_at`,`post_id`);--> statement-breakpoint
CREATE INDEX `ideas_box_rank` ON `ideas` (`box_group_id`,`support_count`,`created_at`,`post_id`);--> statement-breakpoint
CREATE INDEX `ideas_box_new` ON `ideas` (`box_group_id`,`created_at`,`post_id`);