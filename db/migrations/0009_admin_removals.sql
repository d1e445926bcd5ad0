CREATE TABLE `admin_removals` (
	`slack_id` text PRIMARY KEY NOT NULL,
	`removed_by` text NOT NULL,
	`removed_at` integer NOT NULL
);
