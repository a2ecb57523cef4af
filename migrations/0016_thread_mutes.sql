ALTER TABLE `thread_follows` ADD `muted` integer DEFAULT false NOT NULL;
