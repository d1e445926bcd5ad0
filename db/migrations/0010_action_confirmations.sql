CREATE TABLE `action_confirmations` (
	`view_id` text PRIMARY KEY NOT NULL,
	`report_id` integer NOT NULL,
	`kind` text NOT NULL,
	`target_login_name` text NOT NULL,
	`identity` text NOT NULL,
	`opened_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `action_confirmations_report_idx` ON `action_confirmations` (`report_id`);--> statement-breakpoint
CREATE INDEX `action_confirmations_created_idx` ON `action_confirmations` (`created_at`);--> statement-breakpoint
CREATE INDEX `account_actions_state_idx` ON `account_actions` (`state`,`created_at`);