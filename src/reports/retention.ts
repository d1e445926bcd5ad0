import { and, asc, eq, inArray, isNotNull, isNull, lt, or } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { auditEvents, identities, reports, slackUsers, walks } from '../../db/schema.js';
import { audit } from './audit.js';

/** What replaces a personal value in an audit row (the only value migration 0016's trigger lets in). */
export const REDACTED = '[redacted]';

/**
 * Keys of an audit row's `data` that hold personal data: e-mail addresses and groups from the identity provider,
 * its subject, and free text (resolution notes). Who acted (`actor_slack_id`), on which report and account
 * (`target`, `slackId`, `actionId`), what and when stay: that is the audit trail.
 */
export const PERSONAL_AUDIT_KEYS: readonly string[] = ['email', 'groups', 'subject', 'note', 'details', 'name'];

/** Rows handled per table in one sweep: a sweep is one short synchronous stretch, like the scheduler's passes. */
const BATCH = 200;

export interface RetentionSweep {
  reports: number;
  walks: number;
  profiles: number;
  identities: number;
  auditRows: number;
  /** A table had a full batch: call again soon. */
  more: boolean;
}

/** An audit row's `data` with its personal values replaced by {@link REDACTED}; every key is kept. */
export function redactAuditData(data: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return data;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return data;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parsed))
    out[key] = PERSONAL_AUDIT_KEYS.includes(key) && value !== null ? REDACTED : value;
  return JSON.stringify(out);
}

/**
 * Erases personal data older than `retentionMs` at `now`, each row exactly once (the erasure marks the row, and
 * the next sweep no longer finds it):
 * - a closed (resolved or cancelled) report unchanged that long: its free-text details and directory facts;
 * - a walk started that long ago: the directory facts it holds;
 * - a cached Slack profile fetched that long ago, and a linked identity verified that long ago: deleted (a user
 *   who comes back is looked up, or verifies, again);
 * - an audit row written that long ago: redacted once (see {@link redactAuditData}); rows with nothing personal
 *   are marked too, so the sweep moves on.
 * One transaction, with an audit row saying what was erased when anything was.
 */
export function sweepPersonalData(db: Db, now: number, retentionMs: number): RetentionSweep {
  const cutoff = now - retentionMs;
  return db.transaction((tx) => {
    const closed = tx
      .select({ id: reports.id })
      .from(reports)
      .where(
        and(
          isNull(reports.personalDataErasedAt),
          lt(reports.updatedAt, cutoff),
          inArray(reports.state, ['resolved', 'cancelled']),
        ),
      )
      .orderBy(asc(reports.updatedAt))
      .limit(BATCH)
      .all()
      .map((r) => r.id);
    if (closed.length > 0)
      tx.update(reports)
        .set({ details: '', facts: null, personalDataErasedAt: now })
        .where(inArray(reports.id, closed))
        .run();

    const oldWalks = tx
      .select({ id: walks.id })
      .from(walks)
      .where(and(isNotNull(walks.facts), lt(walks.startedAt, cutoff)))
      .orderBy(asc(walks.startedAt))
      .limit(BATCH)
      .all()
      .map((w) => w.id);
    if (oldWalks.length > 0) tx.update(walks).set({ facts: null }).where(inArray(walks.id, oldWalks)).run();

    const profiles = tx
      .select({ slackId: slackUsers.slackId })
      .from(slackUsers)
      .where(lt(slackUsers.fetchedAt, cutoff))
      .orderBy(asc(slackUsers.fetchedAt))
      .limit(BATCH)
      .all()
      .map((p) => p.slackId);
    if (profiles.length > 0) tx.delete(slackUsers).where(inArray(slackUsers.slackId, profiles)).run();

    const linked = tx
      .delete(identities)
      .where(and(lt(identities.verifiedAt, cutoff), or(isNull(identities.stepUpAt), lt(identities.stepUpAt, cutoff))))
      .run().changes;

    const rows = tx
      .select({ id: auditEvents.id, data: auditEvents.data })
      .from(auditEvents)
      .where(and(isNull(auditEvents.redactedAt), lt(auditEvents.createdAt, cutoff)))
      .orderBy(asc(auditEvents.createdAt))
      .limit(BATCH)
      .all();
    for (const row of rows) {
      tx.update(auditEvents)
        .set({ data: redactAuditData(row.data), redactedAt: now })
        .where(eq(auditEvents.id, row.id))
        .run();
    }

    const sweep = {
      reports: closed.length,
      walks: oldWalks.length,
      profiles: profiles.length,
      identities: linked,
      auditRows: rows.length,
      more: [closed.length, oldWalks.length, profiles.length, rows.length].some((n) => n === BATCH),
    };
    if (sweep.reports + sweep.walks + sweep.profiles + sweep.identities + sweep.auditRows > 0) {
      // Its own row is written after the redaction, so it is redacted (with nothing personal) a period later.
      audit(tx, {
        type: 'retention.erased',
        data: {
          reports: sweep.reports,
          walks: sweep.walks,
          profiles: sweep.profiles,
          identities: sweep.identities,
          auditRows: sweep.auditRows,
          retentionDays: Math.round(retentionMs / 86_400_000),
        },
        now,
      });
    }
    return sweep;
  });
}

/** How often the sweep runs when the last one finished its work (it runs again at once while there is more). */
export const RETENTION_SWEEP_EVERY_MS = 10 * 60_000;

/** Runs {@link sweepPersonalData} from the scheduler's passes, at most every RETENTION_SWEEP_EVERY_MS unless behind. */
export class Retention {
  private nextAt = 0;

  constructor(
    private readonly db: Db,
    private readonly retentionMs: number,
    /** Drops in-memory copies of what the sweep erased from the database (cached profiles). */
    private readonly forget: (cutoff: number) => void,
  ) {}

  /** Called on every scheduler pass; returns the sweep when one ran. */
  maybeSweep(now: number): RetentionSweep | null {
    if (now < this.nextAt) return null;
    const sweep = sweepPersonalData(this.db, now, this.retentionMs);
    this.forget(now - this.retentionMs);
    this.nextAt = sweep.more ? now : now + RETENTION_SWEEP_EVERY_MS;
    return sweep;
  }
}
