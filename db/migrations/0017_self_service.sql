CREATE TABLE `self_service_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`state` text NOT NULL,
	`slack_user_id` text NOT NULL,
	`walk_id` integer NOT NULL,
	`view_id` text,
	`login_name` text NOT NULL,
	`remedy` text NOT NULL,
	`leaf_id` text NOT NULL,
	`path` text DEFAULT '[]' NOT NULL,
	`details` text DEFAULT '' NOT NULL,
	`locale` text NOT NULL,
	`outcome` text DEFAULT 'pending' NOT NULL,
	`reason` text,
	`report_id` integer,
	`action_id` integer,
	`issuer` text,
	`subject` text,
	`auth_time` integer,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`acted_at` integer,
	`finished_at` integer,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`action_id`) REFERENCES `account_actions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `self_service_state_idx` ON `self_service_attempts` (`state`);--> statement-breakpoint
CREATE INDEX `self_service_user_idx` ON `self_service_attempts` (`slack_user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `self_service_login_idx` ON `self_service_attempts` (`login_name`,`acted_at`);--> statement-breakpoint
CREATE INDEX `self_service_report_idx` ON `self_service_attempts` (`report_id`);--> statement-breakpoint
ALTER TABLE `reports` ADD `resolved_by` text;