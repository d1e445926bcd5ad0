ALTER TABLE `audit_events` ADD `redacted_at` integer;--> statement-breakpoint
CREATE INDEX `audit_events_created_idx` ON `audit_events` (`created_at`);--> statement-breakpoint
CREATE INDEX `audit_events_unredacted_idx` ON `audit_events` (`created_at`) WHERE redacted_at is null;--> statement-breakpoint
ALTER TABLE `reports` ADD `personal_data_erased_at` integer;--> statement-breakpoint
CREATE INDEX `reports_retention_idx` ON `reports` (`updated_at`) WHERE personal_data_erased_at is null;--> statement-breakpoint
CREATE INDEX `identities_verified_idx` ON `identities` (`verified_at`);--> statement-breakpoint
CREATE INDEX `slack_users_fetched_idx` ON `slack_users` (`fetched_at`);--> statement-breakpoint
CREATE INDEX `walks_facts_idx` ON `walks` (`started_at`) WHERE facts is not null;--> statement-breakpoint
-- The audit trail stays append-only, but for one redaction per row once RETENTION_DAYS have passed: `redacted_at`
-- goes from null to a time, and `data` keeps every key, each value unchanged or replaced by the marker
-- "[redacted]". Nothing else may change; a second redaction is refused like any other update.
DROP TRIGGER audit_events_no_update;
--> statement-breakpoint
CREATE TRIGGER audit_events_redact_once BEFORE UPDATE ON audit_events
WHEN NOT (
  OLD.redacted_at IS NULL AND NEW.redacted_at IS NOT NULL
  AND NEW.id IS OLD.id AND NEW.report_id IS OLD.report_id AND NEW.actor_slack_id IS OLD.actor_slack_id
  AND NEW.type IS OLD.type AND NEW.created_at IS OLD.created_at
  AND json_valid(NEW.data) AND json_type(NEW.data) = 'object'
  AND (SELECT count(*) FROM json_each(NEW.data)) = (SELECT count(*) FROM json_each(OLD.data))
  AND NOT EXISTS (
    SELECT 1 FROM json_each(OLD.data) AS o
    WHERE NOT EXISTS (
      SELECT 1 FROM json_each(NEW.data) AS n
      WHERE n.key = o.key AND ((n.type = o.type AND n.value IS o.value) OR (n.type = 'text' AND n.value = '[redacted]'))
    )
  )
)
BEGIN
  SELECT RAISE(ABORT, 'audit_events is append-only: one redaction of personal fields per row, nothing else');
END;
