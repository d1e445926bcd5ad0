import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  acquireInstanceLock,
  holderAlive,
  InstanceLockHeld,
  readHolder,
  STALE_AFTER_MS,
} from '../../db/instance-lock.js';

const holder = { pid: 4242, host: 'app-1', purpose: 'app', startedAt: 0, heartbeatAt: 1_000_000 };
const here = (over: Partial<{ now: number; pid: number; host: string; isAlive: (pid: number) => boolean }> = {}) => ({
  now: 1_000_000,
  pid: 7,
  host: 'app-1',
  isAlive: () => true,
  ...over,
});

describe('instance lock', () => {
  it('counts a holder on this host as alive while its pid runs and it beats', () => {
    expect(holderAlive(holder, here())).toBe(true);
    expect(holderAlive(holder, here({ isAlive: () => false }))).toBe(false);
    // The pid runs, but the heartbeat stopped long ago: the pid was reused by something else.
    expect(holderAlive(holder, here({ now: holder.heartbeatAt + STALE_AFTER_MS }))).toBe(false);
  });

  it('counts a holder with this very pid on this host as gone (a container restarted: the app is pid 1 again)', () => {
    expect(holderAlive(holder, here({ pid: holder.pid }))).toBe(false);
  });

  it('on another host (two containers on one volume) goes by the heartbeat alone', () => {
    expect(
      holderAlive(holder, here({ host: 'app-2', isAlive: () => false, now: holder.heartbeatAt + STALE_AFTER_MS - 1 })),
    ).toBe(true);
    expect(holderAlive(holder, here({ host: 'app-2', now: holder.heartbeatAt + STALE_AFTER_MS }))).toBe(false);
  });

  it('is taken by one process at a time; a process that lost it to a takeover learns it at its next beat', () => {
    const db = new Database(':memory:');
    let now = 1_000_000;
    const first = acquireInstanceLock(db, { purpose: 'app', now: () => now, pid: 100, host: 'h1' });
    expect(() => acquireInstanceLock(db, { purpose: 'app', now: () => now, pid: 200, host: 'h2' })).toThrow(
      InstanceLockHeld,
    );
    expect(first.beat()).toBe(true);
    now += STALE_AFTER_MS; // the first stalled that long: it looks dead from another host
    const second = acquireInstanceLock(db, { purpose: 'app', now: () => now, pid: 200, host: 'h2' });
    expect(second.tookOverFrom).toMatchObject({ pid: 100, host: 'h1' });
    expect(first.beat()).toBe(false);
    first.release(); // not its own any more: leaves the second's row alone
    expect(readHolder(db)).toMatchObject({ pid: 200, host: 'h2' });
    second.release();
    expect(readHolder(db)).toBeNull();
  });
});
