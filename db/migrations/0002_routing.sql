CREATE TABLE `timers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`report_id` integer NOT NULL,
	`kind` text NOT NULL,
	`due_at` integer NOT NULL,
	`done_at` integer,
	`outcome` text,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `timers_due_idx` ON `timers` (`done_at`,`due_at`);--> statement-breakpoint
ALTER TABLE `admins` ADD `shifts` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `admins` ADD `manual_on` integer;--> statement-breakpoint
ALTER TABLE `admins` ADD `manual_since` integer;--> statement-breakpoint
ALTER TABLE `admins` ADD `manual_until` integer;--> statement-breakpoint
ALTER TABLE `admins` ADD `last_assigned_at` integer;--> statement-breakpoint
ALTER TABLE `reports` ADD `assignee_slack_id` text;--> statement-breakpoint
ALTER TABLE `reports` ADD `assigned_at` integer;--> statement-breakpoint
ALTER TABLE `reports` ADD `acknowledged_at` integer;--> statement-breakpoint
ALTER TABLE `reports` ADD `resolved_at` integer;--> statement-breakpoint
ALTER TABLE `reports` ADD `escalation_level` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `reports_assignee_idx` ON `reports` (`assignee_slack_id`,`state`);