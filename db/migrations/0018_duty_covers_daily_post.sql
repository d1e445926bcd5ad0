CREATE TABLE `daily_posts` (
	`date` text PRIMARY KEY NOT NULL,
	`outbox_id` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `duty_covers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`requested_by` text NOT NULL,
	`cover_slack_id` text NOT NULL,
	`start_at` integer NOT NULL,
	`end_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	`declined_at` integer
);
--> statement-breakpoint
CREATE INDEX `duty_covers_end_idx` ON `duty_covers` (`end_at`);--> statement-breakpoint
ALTER TABLE `admins` ADD `away_since` integer;--> statement-breakpoint
ALTER TABLE `admins` ADD `away_until` integer;