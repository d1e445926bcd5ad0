CREATE TABLE `identities` (
	`slack_user_id` text PRIMARY KEY NOT NULL,
	`subject` text NOT NULL,
	`email` text,
	`email_verified` integer DEFAULT false NOT NULL,
	`groups` text DEFAULT '[]' NOT NULL,
	`verified_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `oidc_requests` (
	`state` text PRIMARY KEY NOT NULL,
	`slack_user_id` text NOT NULL,
	`code_verifier` text,
	`nonce` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer
);
