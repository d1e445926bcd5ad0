CREATE TABLE `admin_alerts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`admin_slack_id` text NOT NULL,
	`report_id` integer NOT NULL,
	`kind` text NOT NULL,
	`created_at` integer NOT NULL,
	`due_at` integer NOT NULL,
	`done_at` integer,
	`outcome` text,
	`outbox_id` integer,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `admin_alerts_due_idx` ON `admin_alerts` (`done_at`,`due_at`);--> statement-breakpoint
CREATE INDEX `admin_alerts_admin_idx` ON `admin_alerts` (`admin_slack_id`,`outcome`,`done_at`);--> statement-breakpoint
CREATE INDEX `admin_alerts_report_idx` ON `admin_alerts` (`report_id`);