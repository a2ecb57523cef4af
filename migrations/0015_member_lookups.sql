CREATE INDEX `invitations_accepted_user_id` ON `invitations` (`accepted_user_id`);
--> statement-breakpoint
CREATE INDEX `invitations_invited_by` ON `invitations` (`invited_by`);
--> statement-breakpoint
CREATE INDEX `charter_versions_published_by` ON `charter_versions` (`published_by`);
--> statement-breakpoint
CREATE INDEX `groups_created_by` ON `groups` (`created_by`);
--> statement-breakpoint
CREATE INDEX `reactions_user_id` ON `reactions` (`user_id`);
--> statement-breakpoint
CREATE INDEX `link_ratings_user_id` ON `link_ratings` (`user_id`);
--> statement-breakpoint
CREATE INDEX `thread_follows_user_id` ON `thread_follows` (`user_id`);
--> statement-breakpoint
CREATE INDEX `notifications_actor_id` ON `notifications` (`actor_id`);
--> statement-breakpoint
CREATE INDEX `reports_reporter_id` ON `reports` (`reporter_id`);
--> statement-breakpoint
CREATE INDEX `reports_resolved_by` ON `reports` (`resolved_by`);
--> statement-breakpoint
CREATE INDEX `coffee_rooms_created_by` ON `coffee_rooms` (`created_by`);
--> statement-breakpoint
CREATE INDEX `coffee_left_out_user_id` ON `coffee_left_out` (`user_id`);
--> statement-breakpoint
CREATE INDEX `webhook_endpoints_created_by` ON `webhook_endpoints` (`created_by`);
--> statement-breakpoint
CREATE INDEX `incoming_hooks_created_by` ON `incoming_hooks` (`created_by`);
--> statement-breakpoint
CREATE INDEX `campaigns_created_by` ON `campaigns` (`created_by`);
--> statement-breakpoint
CREATE INDEX `ideas_author_id` ON `ideas` (`author_id`);
--> statement-breakpoint
CREATE INDEX `idea_history_by_id` ON `idea_history` (`by_id`);
--> statement-breakpoint
CREATE INDEX `group_promises_updated_by` ON `group_promises` (`updated_by`);
--> statement-breakpoint
CREATE INDEX `faq_entries_author_id` ON `faq_entries` (`author_id`);
--> statement-breakpoint
CREATE INDEX `library_items_uploader_id` ON `library_items` (`uploader_id`);
--> statement-breakpoint
CREATE INDEX `library_versions_uploader_id` ON `library_versions` (`uploader_id`);
--> statement-breakpoint
CREATE INDEX `scim_tokens_created_by` ON `scim_tokens` (`created_by`);
