import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildOnce, openDatabase, type Db } from '../../db/client.js';
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

describe('queries built once', () => {
  it('builds a query once for a database and its transactions, and runs it inside the open transaction', () => {
    const db = openDatabase(':memory:');
    migrateDatabase(db);
    let builds = 0;
    const addAdmin = buildOnce((w: Db | Parameters<Parameters<Db['transaction']>[0]>[0]) => {
      builds++;
      return w
        .insert(admins)
        .values({ slackId: sql.placeholder('id'), addedBy: 'boot', addedAt: 1 })
        .prepare();
    });
    addAdmin(db).run({ id: 'UA' });
    expect(() =>
      db.transaction((tx) => {
        addAdmin(tx).run({ id: 'UB' });
        throw new Error('rolled back');
      }),
    ).toThrow('rolled back');
    db.transaction((tx) => addAdmin(tx).run({ id: 'UC' }));
    expect(builds).toBe(1);
    expect(
      db
        .select()
        .from(admins)
        .all()
        .map((a) => a.slackId),
    ).toEqual(['UA', 'UC']);
    // Another database gets its own.
    const other = openDatabase(':memory:');
    migrateDatabase(other);
    addAdmin(other).run({ id: 'UX' });
    expect(builds).toBe(2);
  });
});
