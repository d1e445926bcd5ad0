CREATE TABLE `listen_channels` (
	`channel_id` text PRIMARY KEY NOT NULL,
	`enabled_by` text NOT NULL,
	`enabled_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `listen_replies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`channel_id` text NOT NULL,
	`slack_user_id` text NOT NULL,
	`message_ts` text NOT NULL,
	`day` text NOT NULL,
	`created_at` integer NOT NULL,
	`dismissed_at` integer,
	`dismissed_by` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `listen_replies_user_day_idx` ON `listen_replies` (`slack_user_id`,`day`);--> statement-breakpoint
CREATE TABLE `report_ratings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`report_id` integer NOT NULL,
	`reporter_slack_id` text NOT NULL,
	`resolved_at` integer NOT NULL,
	`score` integer NOT NULL,
	`comment` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `report_ratings_resolution_idx` ON `report_ratings` (`report_id`,`resolved_at`);--> statement-breakpoint
CREATE INDEX `report_ratings_created_idx` ON `report_ratings` (`created_at`);--> statement-breakpoint
ALTER TABLE `reports` ADD `filed_by_slack_id` text;--> statement-breakpoint
ALTER TABLE `reports` ADD `reporter_confirmed_at` integer;--> statement-breakpoint
ALTER TABLE `walks` ADD `on_behalf_of` text;