CREATE TABLE `admins` (
	`slack_id` text PRIMARY KEY NOT NULL,
	`added_by` text,
	`added_at` integer NOT NULL
);
