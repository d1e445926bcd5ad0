import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.js';
import { migrateDatabase } from '../../db/migrate.js';
import { auditEvents } from '../../db/schema.js';
import { Roster } from '../../src/roster/roster.js';

describe('admin roster', () => {
  it('bootstraps from ADMIN_SLACK_IDS idempotently, auditing each addition once', () => {
    const db = openDatabase(':memory:');
    migrateDatabase(db);
    const roster = new Roster(db);
    expect(roster.bootstrap(['UA1', 'UB2'], 1000)).toEqual(['UA1', 'UB2']);
    expect(roster.bootstrap(['UA1', 'UB2', 'UC3'], 2000)).toEqual(['UC3']);
    expect(roster.list().map((a) => a.slackId)).toEqual(['UA1', 'UB2', 'UC3']);
    expect(roster.isAdmin('UB2')).toBe(true);
    expect(roster.isAdmin('UZZ')).toBe(false);
    expect(
      db
        .select()
        .from(auditEvents)
        .all()
        .map((e) => JSON.parse(e.data).slackId),
    ).toEqual(['UA1', 'UB2', 'UC3']);
  });

  it('refuses to rewrite or delete the audit trail', () => {
    const db = openDatabase(':memory:');
    migrateDatabase(db);
    new Roster(db).bootstrap(['UA1'], 1000);
    expect(() => db.$client.prepare("UPDATE audit_events SET type = 'x'").run()).toThrow(/append-only/);
    expect(() => db.$client.prepare('DELETE FROM audit_events').run()).toThrow(/append-only/);
  });
});
