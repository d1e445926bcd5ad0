import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.js';
import { migrateDatabase } from '../../db/migrate.js';
import { auditEvents } from '../../db/schema.js';
import { audit } from '../../src/reports/audit.js';
import { redactAuditData, REDACTED } from '../../src/reports/retention.js';

/** A migrated database with one audit row holding personal data, as an identity verification writes it. */
function withRow() {
  const db = openDatabase(':memory:');
  migrateDatabase(db);
  const data = {
    subject: 'sub-1',
    email: 'hanako@example.com',
    emailVerified: true,
    groups: ['経理部'],
    groupCount: 1,
  };
  audit(db, { type: 'identity.verified', actorSlackId: 'U1', reportId: null, data, now: 1000 });
  const row = db.select().from(auditEvents).get()!;
  const update =
    (set: string, ...values: unknown[]) =>
    () =>
      db.$client.prepare(`update audit_events set ${set} where id = ?`).run(...values, row.id);
  const read = () => db.select().from(auditEvents).where(eq(auditEvents.id, row.id)).get()!;
  return { db, row, update, read, redacted: redactAuditData(row.data) };
}

const REFUSED = /append-only/;

describe('the audit trail: append-only but for one redaction per row (migration 0016)', () => {
  it('allows one redaction: personal fields replaced by the marker and redacted_at set', () => {
    const { update, read, redacted } = withRow();
    update('data = ?, redacted_at = ?', redacted, 2000)();
    expect(read()).toMatchObject({ type: 'identity.verified', actorSlackId: 'U1', createdAt: 1000, redactedAt: 2000 });
    expect(JSON.parse(read().data)).toEqual({
      subject: REDACTED,
      email: REDACTED,
      emailVerified: true,
      groups: REDACTED,
      groupCount: 1,
    });
  });

  it('refuses a second redaction, even one that changes nothing', () => {
    const { update, read, redacted } = withRow();
    update('data = ?, redacted_at = ?', redacted, 2000)();
    expect(update('data = ?, redacted_at = ?', redacted, 3000)).toThrow(REFUSED);
    expect(update('redacted_at = ?', 2000)).toThrow(REFUSED);
    expect(update('redacted_at = null')).toThrow(REFUSED);
    expect(read().redactedAt).toBe(2000);
  });

  it('refuses every other change, with or without a redaction alongside', () => {
    const { update, read, row, redacted } = withRow();
    const data = JSON.parse(row.data) as Record<string, unknown>;
    const attempts = {
      'the actor': update('actor_slack_id = ?', 'U2'),
      'the actor with a redaction': update('actor_slack_id = ?, data = ?, redacted_at = 1', 'U2', redacted),
      'the type with a redaction': update('type = ?, data = ?, redacted_at = 1', 'report.resolve', redacted),
      'the time with a redaction': update('created_at = 5, data = ?, redacted_at = 1', redacted),
      'the report with a redaction': update('report_id = 1, data = ?, redacted_at = 1', redacted),
      'data without redacted_at': update('data = ?', redacted),
      'a field that is not personal changed': update(
        'data = ?, redacted_at = 1',
        JSON.stringify({ ...data, email: REDACTED, emailVerified: false }),
      ),
      'a field replaced by something else than the marker': update(
        'data = ?, redacted_at = 1',
        JSON.stringify({ ...data, email: 'someone@else.example' }),
      ),
      'a field removed': update(
        'data = ?, redacted_at = 1',
        JSON.stringify({ subject: REDACTED, email: REDACTED, groups: REDACTED, groupCount: 1 }),
      ),
      'a field added': update('data = ?, redacted_at = 1', JSON.stringify({ ...data, email: REDACTED, extra: 'x' })),
      'data that is not an object': update('data = ?, redacted_at = 1', '"[redacted]"'),
    };
    for (const [what, attempt] of Object.entries(attempts)) expect(attempt, what).toThrow(REFUSED);
    expect(() => withRow().db.$client.prepare('delete from audit_events').run()).toThrow(REFUSED);
    expect(read()).toEqual(row);
  });
});
