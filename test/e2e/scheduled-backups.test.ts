import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, T0, type Harness } from '../helpers/app-harness.js';
import { reportThread } from '../helpers/report-thread.js';

const HOUR = 3_600_000;

/** A path where a directory cannot be made: a file stands there. */
function blocked(dir: string): string {
  const file = join(dir, 'not-a-directory');
  new Database(file).close();
  return join(file, 'backups');
}

describe('scheduled backups (BACKUP_DIR, BACKUP_EVERY_HOURS, BACKUP_KEEP)', () => {
  let h: Harness;
  let dir: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kintone-login-backups-'));
    h = await startHarness({
      env: {
        BACKUP_DIR: expect.getState().currentTestName?.includes('failed') ? blocked(dir) : dir,
        BACKUP_EVERY_HOURS: '6',
        BACKUP_KEEP: '2',
      },
    });
  });
  afterEach(async () => {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const pass = async () => {
    h.app.scheduler.tick();
    await h.app.backups!.idle();
  };

  it('backs up at the first pass, then every BACKUP_EVERY_HOURS, keeping the newest BACKUP_KEEP, across a restart', async () => {
    // The scheduler's first pass runs at start.
    await h.app.backups!.idle();
    expect(readdirSync(dir)).toEqual(['kintone-login-2026-11-25T01-00-00-000Z.db']);
    const report = await reportThread(h).report('resume', 'taro', 'UREPORTER1');

    h.clock.advance(6 * HOUR - 1);
    await pass();
    expect(readdirSync(dir)).toHaveLength(1);
    // A restart does not take one early: the newest file in the directory counts.
    await h.restart();
    await pass();
    expect(readdirSync(dir)).toHaveLength(1);

    h.clock.advance(1);
    await pass();
    const second = join(dir, 'kintone-login-2026-11-25T07-00-00-000Z.db');
    expect(statSync(second).mode & 0o777).toBe(0o600);
    const copy = new Database(second, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.prepare('SELECT login_name FROM reports WHERE id = ?').get(report.id)).toEqual({ login_name: 'taro' });
    expect(copy.prepare("SELECT count(*) AS n FROM audit_events WHERE type = 'report.created'").get()).toEqual({
      n: 1,
    });
    copy.close();

    h.clock.advance(6 * HOUR);
    await pass();
    expect(readdirSync(dir).sort()).toEqual([
      'kintone-login-2026-11-25T07-00-00-000Z.db',
      'kintone-login-2026-11-25T13-00-00-000Z.db',
    ]);
    expect(h.log.entries.filter((e) => e.msg === 'database backed up')).toHaveLength(3);

    const metrics = await (
      await fetch(`${h.baseUrl}/metrics`, { headers: { authorization: 'Bearer test-health-token' } })
    ).text();
    expect(metrics).toContain(`kintone_login_backup_last_success_timestamp_seconds ${(T0 + 12 * HOUR) / 1000}`);
  });

  it('logs a failed backup and tries again within 15 minutes', async () => {
    // The first pass (at start) failed: a file stands where the directory should be.
    await h.app.backups!.idle();
    expect(h.log.entries.find((e) => e.msg === 'scheduled backup failed; will retry')).toMatchObject({
      component: 'backup',
      dir: join(dir, 'not-a-directory', 'backups'),
    });
    h.clock.advance(14 * 60_000);
    await pass();
    expect(h.log.entries.filter((e) => e.msg === 'scheduled backup failed; will retry')).toHaveLength(1);
    h.clock.advance(60_000);
    await pass();
    expect(h.log.entries.filter((e) => e.msg === 'scheduled backup failed; will retry')).toHaveLength(2);
    const metrics = await (
      await fetch(`${h.baseUrl}/metrics`, { headers: { authorization: 'Bearer test-health-token' } })
    ).text();
    expect(metrics).toContain('kintone_login_backup_failures 2');
  });
});
