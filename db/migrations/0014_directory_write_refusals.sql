CREATE TABLE `directory_write_refusals` (
	`auth` text PRIMARY KEY NOT NULL,
	`first_seen_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`cybozu_error_id` text
);
