CREATE TABLE `quiet_hours` (
	`user_id` text PRIMARY KEY NOT NULL,
	`from` text NOT NULL,
	`to` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`actor_id` text NOT NULL,
	`action` text NOT NULL,
	`target_type` text NOT NULL,
	`target_id` text NOT NULL,
	`group_id` text,
	`before` text,
	`after` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_group` ON `audit_log` (`group_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `audit_log_target` ON `audit_log` (`target_id`);--> statement-breakpoint
CREATE TABLE `comments` (
	`id` text PRIMARY KEY NOT NULL,
	`post_id` text NOT NULL,
	`parent_id` text,
	`author_id` text NOT NULL,
	`body` text NOT NULL,
	`html` text NOT NULL,
	`reaction_counts` text DEFAULT '{}' NOT NULL,
	`edited_at` integer,
	`hidden_at` integer,
	`deleted_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `comments_post_time` ON `comments` (`post_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `comments_author` ON `comments` (`author_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `files` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_id` text NOT NULL,
	`key` text NOT NULL,
	`name` text NOT NULL,
	`size` integer NOT NULL,
	`type` text NOT NULL,
	`post_id` text,
	`comment_id` text,
	`group_id` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `files_post` ON `files` (`post_id`);--> statement-breakpoint
CREATE INDEX `files_owner` ON `files` (`owner_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `link_ratings` (
	`post_id` text NOT NULL,
	`user_id` text NOT NULL,
	`rating` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`post_id`, `user_id`)
);
--> statement-breakpoint
CREATE TABLE `member_follows` (
	`follower_id` text NOT NULL,
	`followee_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`follower_id`, `followee_id`)
);
--> statement-breakpoint
CREATE INDEX `member_follows_followee` ON `member_follows` (`followee_id`);--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`actor_id` text,
	`group_id` text,
	`post_id` text,
	`comment_id` text,
	`deliver_at` integer NOT NULL,
	`read_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `notifications_user` ON `notifications` (`user_id`,`id`);--> statement-breakpoint
CREATE INDEX `notifications_user_unread` ON `notifications` (`user_id`,`read_at`,`deliver_at`);--> statement-breakpoint
CREATE TABLE `post_reads` (
	`post_id` text NOT NULL,
	`user_id` text NOT NULL,
	`read_at` integer NOT NULL,
	PRIMARY KEY(`post_id`, `user_id`)
);
--> statement-breakpoint
CREATE INDEX `post_reads_user` ON `post_reads` (`user_id`,`post_id`);--> statement-breakpoint
CREATE TABLE `post_tags` (
	`tag` text NOT NULL,
	`post_id` text NOT NULL,
	`group_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`tag`, `created_at`, `post_id`)
);
--> statement-breakpoint
CREATE INDEX `post_tags_post` ON `post_tags` (`post_id`);--> statement-breakpoint
CREATE TABLE `posts` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`author_id` text NOT NULL,
	`kind` text NOT NULL,
	`title` text DEFAULT '' NOT NULL,
	`url` text,
	`body` text NOT NULL,
	`html` text NOT NULL,
	`tags` text DEFAULT '[]' NOT NULL,
	`must_read` integer DEFAULT false NOT NULL,
	`comment_count` integer DEFAULT 0 NOT NULL,
	`reaction_counts` text DEFAULT '{}' NOT NULL,
	`rating_sum` integer DEFAULT 0 NOT NULL,
	`rating_count` integer DEFAULT 0 NOT NULL,
	`pinned_at` integer,
	`edited_at` integer,
	`hidden_at` integer,
	`deleted_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `posts_group_time` ON `posts` (`group_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `posts_author_time` ON `posts` (`author_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `posts_group_pinned` ON `posts` (`group_id`,`pinned_at`);--> statement-breakpoint
CREATE TABLE `reactions` (
	`target_id` text NOT NULL,
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`target_id`, `user_id`, `kind`)
);
--> statement-breakpoint
CREATE TABLE `reports` (
	`id` text PRIMARY KEY NOT NULL,
	`target_type` text NOT NULL,
	`target_id` text NOT NULL,
	`group_id` text NOT NULL,
	`reporter_id` text NOT NULL,
	`reason` text NOT NULL,
	`state` text DEFAULT 'open' NOT NULL,
	`resolved_by` text,
	`resolved_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `reports_group_state` ON `reports` (`group_id`,`state`,`created_at`);--> statement-breakpoint
CREATE INDEX `reports_state` ON `reports` (`state`,`created_at`);--> statement-breakpoint
CREATE TABLE `tag_follows` (
	`user_id` text NOT NULL,
	`tag` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `tag`)
);
--> statement-breakpoint
CREATE TABLE `thread_follows` (
	`post_id` text NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`post_id`, `user_id`)
);
--> statement-breakpoint
ALTER TABLE `group_members` ADD `notify` text DEFAULT 'mentions' NOT NULL;--> statement-breakpoint
ALTER TABLE `group_members` ADD `last_read_at` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `group_members_group_state` ON `group_members` (`group_id`,`state`,`role`);--> statement-breakpoint
ALTER TABLE `groups` ADD `rules` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `groups` ADD `rules_html` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `groups` ADD `cover_color` text DEFAULT '#0f5e5e' NOT NULL;--> statement-breakpoint
ALTER TABLE `groups` ADD `cover_key` text;--> statement-breakpoint
ALTER TABLE `groups` ADD `member_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `groups` ADD `last_post_at` integer;--> statement-breakpoint
CREATE INDEX `groups_name` ON `groups` (`name`,`id`);