CREATE TABLE `admins` (
	`slack_id` text PRIMARY KEY NOT NULL,
	`added_by` text,
	`added_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `audit_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`report_id` integer,
	`actor_slack_id` text,
	`type` text NOT NULL,
	`data` text DEFAULT '{}' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_events_report_idx` ON `audit_events` (`report_id`,`id`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`target` text,
	`payload` text NOT NULL,
	`depends_on` integer,
	`report_id` integer,
	`role` text,
	`ordering_key` text NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`sent_channel` text,
	`sent_ts` text,
	`created_at` integer NOT NULL,
	`sent_at` integer,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox` (`state`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_ordering_idx` ON `outbox` (`ordering_key`,`state`,`id`);--> statement-breakpoint
CREATE TABLE `reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`reporter_slack_id` text NOT NULL,
	`login_name` text NOT NULL,
	`leaf_id` text NOT NULL,
	`remedy` text NOT NULL,
	`path` text DEFAULT '[]' NOT NULL,
	`facts` text,
	`walk_id` integer,
	`details` text DEFAULT '' NOT NULL,
	`state` text DEFAULT 'open' NOT NULL,
	`locale` text NOT NULL,
	`submission_key` text NOT NULL,
	`root_channel` text,
	`root_ts` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reports_submission_key_idx` ON `reports` (`submission_key`);--> statement-breakpoint
CREATE INDEX `reports_reporter_idx` ON `reports` (`reporter_slack_id`,`state`);--> statement-breakpoint
CREATE INDEX `reports_state_idx` ON `reports` (`state`,`created_at`);--> statement-breakpoint
CREATE TABLE `slack_users` (
	`slack_id` text PRIMARY KEY NOT NULL,
	`locale` text,
	`email` text,
	`name` text,
	`timezone` text,
	`fetched_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `walks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slack_user_id` text NOT NULL,
	`locale` text NOT NULL,
	`path` text DEFAULT '' NOT NULL,
	`leaf_id` text,
	`outcome` text DEFAULT 'in_progress' NOT NULL,
	`report_id` integer,
	`started_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `walks_started_idx` ON `walks` (`started_at`);--> statement-breakpoint
CREATE INDEX `walks_user_idx` ON `walks` (`slack_user_id`,`started_at`);