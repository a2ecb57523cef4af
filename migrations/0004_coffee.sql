CREATE TABLE `coffee_left_out` (
	`week` integer NOT NULL,
	`user_id` text NOT NULL,
	`reason` text NOT NULL,
	PRIMARY KEY(`week`, `user_id`)
);
--> statement-breakpoint
CREATE TABLE `coffee_optins` (
	`user_id` text PRIMARY KEY NOT NULL,
	`opt_in` integer NOT NULL,
	`hours` text DEFAULT '[]' NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `coffee_pairing_members` (
	`pairing_id` text NOT NULL,
	`user_id` text NOT NULL,
	`week` integer NOT NULL,
	`outcome` text,
	`outcome_at` integer,
	PRIMARY KEY(`pairing_id`, `user_id`)
);
--> statement-breakpoint
CREATE INDEX `coffee_pairing_members_user` ON `coffee_pairing_members` (`user_id`,`week`);--> statement-breakpoint
CREATE TABLE `coffee_pairings` (
	`id` text PRIMARY KEY NOT NULL,
	`week` integer NOT NULL,
	`room_id` text NOT NULL,
	`icebreaker` text NOT NULL,
	`cross_department` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `coffee_pairings_week` ON `coffee_pairings` (`week`);--> statement-breakpoint
CREATE TABLE `coffee_rooms` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`kind` text NOT NULL,
	`created_by` text,
	`pairing_id` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `coffee_rooms_created` ON `coffee_rooms` (`kind`,`created_at`);--> statement-breakpoint
CREATE TABLE `coffee_runs` (
	`week` integer PRIMARY KEY NOT NULL,
	`ran_at` integer NOT NULL,
	`opted_in` integer NOT NULL,
	`paired` integer NOT NULL,
	`left_out` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `notifications_deliver` ON `notifications` (`deliver_at`);--> statement-breakpoint
CREATE INDEX `posts_group_must_read` ON `posts` (`group_id`,`created_at`) WHERE must_read = 1 AND deleted_at IS NULL;