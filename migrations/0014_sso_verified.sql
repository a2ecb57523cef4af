ALTER TABLE `sso_config` ADD `verified_at` integer;
