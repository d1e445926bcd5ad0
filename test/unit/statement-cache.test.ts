import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.js';
import { migrateDatabase } from '../../db/migrate.js';
import { admins } from '../../db/schema.js';

describe('compiled statements are reused', () => {
  it('compiles a query shape once and still answers each call with its own values', () => {
    const db = openDatabase(':memory:');
    migrateDatabase(db);
    db.insert(admins).values({ slackId: 'UA', addedBy: 'boot', addedAt: 1 }).run();
    db.insert(admins).values({ slackId: 'UB', addedBy: 'boot', addedAt: 2 }).run();
    const first = db.$client.prepare('SELECT slack_id FROM admins WHERE added_at = ?');
    expect(db.$client.prepare('SELECT slack_id FROM admins WHERE added_at = ?')).toBe(first);
    expect(db.select().from(admins).where(sql`${admins.addedAt} = ${1}`).get()?.slackId).toBe('UA');
    expect(db.select().from(admins).where(sql`${admins.addedAt} = ${2}`).get()?.slackId).toBe('UB');
  });

  it('hands a statement drizzle left in array mode back in object mode', () => {
    const db = openDatabase(':memory:');
    migrateDatabase(db);
    db.insert(admins).values({ slackId: 'UA', addedBy: 'boot', addedAt: 1 }).run();
    // drizzle reads typed selections as arrays (raw mode) and plain SQL as objects: same text, one statement.
    db.$client.prepare('SELECT slack_id FROM admins').raw(true);
    expect(db.all(sql`SELECT slack_id FROM admins`)).toEqual([{ slack_id: 'UA' }]);
  });
});
