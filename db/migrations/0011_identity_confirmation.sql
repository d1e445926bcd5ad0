CREATE TABLE `identity_confirmations` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`slack_user_id` text NOT NULL,
	`subject` text NOT NULL,
	`email` text NOT NULL,
	`groups` text DEFAULT '[]' NOT NULL,
	`step_up_at` integer,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer
);
--> statement-breakpoint
ALTER TABLE `identities` ADD `step_up_at` integer;--> statement-breakpoint
ALTER TABLE `oidc_requests` ADD `step_up` integer DEFAULT false NOT NULL;