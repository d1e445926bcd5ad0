DROP INDEX `reports_reporter_idx`;--> statement-breakpoint
CREATE INDEX `outbox_report_idx` ON `outbox` (`report_id`,`role`);--> statement-breakpoint
CREATE INDEX `timers_report_idx` ON `timers` (`report_id`,`done_at`);