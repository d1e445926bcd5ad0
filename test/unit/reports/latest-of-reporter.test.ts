import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../../db/client.js';
import { migrateDatabase } from '../../../db/migrate.js';
import { reports } from '../../../db/schema.js';
import { latestReportsOf } from '../../../src/reports/latest-of-reporter.js';

describe("a reporter's latest reports, kept until one of them changes", () => {
  let dir: string;
  let db: Db;
  let n = 0;
  const file = (reporter: string) =>
    db
      .insert(reports)
      .values({
        reporterSlackId: reporter,
        loginName: 'sato',
        leafId: 'account_suspended',
        remedy: 'resume',
        path: '[]',
        state: 'open',
        locale: 'ja',
        submissionKey: `k${++n}`,
        createdAt: n,
        updatedAt: n,
      })
      .returning()
      .get();
  const states = (reporter: string) => latestReportsOf(db, reporter).map((r) => `${r.id}:${r.state}`);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'latest-of-reporter-'));
    db = openDatabase(join(dir, 'test.db'));
    migrateDatabase(db);
  });
  afterEach(() => {
    db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers from memory while nothing changed, and a change to one of the reporter’s reports shows at once', () => {
    const first = file('UA');
    const second = file('UA');
    const before = latestReportsOf(db, 'UA');
    expect(states('UA')).toEqual([`${second.id}:open`, `${first.id}:open`]);
    expect(latestReportsOf(db, 'UA')).toBe(before); // the same rows: no query

    db.update(reports).set({ state: 'resolved' }).where(eq(reports.id, first.id)).run();
    expect(states('UA')).toEqual([`${second.id}:open`, `${first.id}:resolved`]);
    const third = file('UA');
    expect(states('UA')[0]).toBe(`${third.id}:open`);
    db.delete(reports).where(eq(reports.id, third.id)).run();
    expect(states('UA')).toEqual([`${second.id}:open`, `${first.id}:resolved`]);
  });

  it("keeps other reporters' answers when someone else's report changes", () => {
    file('UA');
    const theirs = file('UB');
    const mine = latestReportsOf(db, 'UA');
    db.update(reports).set({ state: 'acknowledged' }).where(eq(reports.id, theirs.id)).run();
    expect(latestReportsOf(db, 'UA')).toBe(mine);
    expect(states('UB')).toEqual([`${theirs.id}:acknowledged`]);
  });

  it('shows what was committed after a transaction that changed a report rolled back', () => {
    const report = file('UA');
    latestReportsOf(db, 'UA');
    expect(() =>
      db.transaction((tx) => {
        tx.update(reports).set({ state: 'resolved' }).where(eq(reports.id, report.id)).run();
        throw new Error('rolled back');
      }),
    ).toThrow('rolled back');
    expect(states('UA')).toEqual([`${report.id}:open`]);
  });

  it('follows changes made by any statement, a raw one included', () => {
    const report = file('UA');
    latestReportsOf(db, 'UA');
    db.$client.prepare("UPDATE reports SET state = 'cancelled' WHERE id = ?").run(report.id);
    expect(states('UA')).toEqual([`${report.id}:cancelled`]);
  });
});
