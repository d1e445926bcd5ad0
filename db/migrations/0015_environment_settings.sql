CREATE TABLE `environment_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`settings` text NOT NULL,
	`updated_by` text NOT NULL,
	`updated_at` integer NOT NULL
);
