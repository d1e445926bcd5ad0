CREATE TABLE `account_actions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`report_id` integer NOT NULL,
	`kind` text NOT NULL,
	`remedy` text,
	`target_login_name` text NOT NULL,
	`requested_by` text NOT NULL,
	`approved_by` text,
	`identity` text NOT NULL,
	`state` text NOT NULL,
	`error_kind` text,
	`cybozu_error_id` text,
	`request_key` text NOT NULL,
	`created_at` integer NOT NULL,
	`finished_at` integer,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `account_actions_request_idx` ON `account_actions` (`request_key`);--> statement-breakpoint
CREATE INDEX `account_actions_report_idx` ON `account_actions` (`report_id`,`state`);--> statement-breakpoint
CREATE TABLE `secrets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`action_id` integer NOT NULL,
	`recipient_slack_id` text NOT NULL,
	`sealed` text,
	`expires_at` integer NOT NULL,
	`revealed_at` integer,
	`erased_at` integer,
	FOREIGN KEY (`action_id`) REFERENCES `account_actions`(`id`) ON UPDATE no action ON DELETE no action
);
