import type { Db } from '../../db/client.js';
import { audit } from './audit.js';

/** The reporter said they are back in (their DM's button): recorded in the audit trail; the report itself is unchanged. */
export function recordReporterBackIn(db: Db, p: { reportId: number; reporterSlackId: string; now: number }): void {
  db.transaction((tx) =>
    audit(tx, { type: 'report.reporter_back_in', reportId: p.reportId, actorSlackId: p.reporterSlackId, now: p.now }),
  );
}
