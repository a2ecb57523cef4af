CREATE TABLE `office_hours` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`expert_id` text NOT NULL,
	`topic` text NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`cancelled_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `office_hours_group_start` ON `office_hours` (`group_id`,`starts_at`,`id`);--> statement-breakpoint
CREATE INDEX `office_hours_start` ON `office_hours` (`starts_at`,`id`);--> statement-breakpoint
CREATE INDEX `office_hours_expert` ON `office_hours` (`expert_id`);--> statement-breakpoint
CREATE INDEX `questions_office_hour` ON `questions` (`office_hour_id`,`created_at`) WHERE office_hour_id IS NOT NULL;
