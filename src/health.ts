import type { Db } from '../db/client.js';
import type { AppDeps } from './deps.js';
import { OutboxStore } from './outbox/outbox.js';
import type { AppState, SlackConnection } from './slack/connection-state.js';

/** What background work last saw, for /healthz (updated by the scheduler and the directory probe). */
export class HealthState {
  lastSchedulerPassAt: number | null = null;
  directory: { reachable: boolean; checkedAt: number; problem?: string } | null = null;
  /** The link to Slack (starting, connected since, reconnecting); null: not tracked (treated as running). */
  slack: SlackConnection | null = null;

  /** 'running' is the only state in which the app takes work; the others answer 503. */
  get state(): AppState {
    return this.slack?.state() ?? 'running';
  }
}

export interface HealthReport {
  status: 200 | 503;
  body: Record<string, unknown>;
}

const ROLLBACK = new Error('health probe rollback');

/**
 * Can the database still be written? Writes 16 KiB in a transaction that is rolled back, so a read-only file,
 * a full disk (or SQLite's page limit) and I/O errors all show here, and nothing is left behind.
 */
export function storageProblem(db: Db): string | null {
  try {
    db.$client.transaction(() => {
      db.$client.prepare('INSERT INTO health_probe (id, payload) VALUES (1, zeroblob(16384))').run();
      throw ROLLBACK;
    })();
    return null;
  } catch (error) {
    if (error === ROLLBACK) return null;
    return (error as { code?: string }).code ?? (error as Error).message;
  }
}

/** Storage failures worth telling a user about ("try again later") rather than "something went wrong". */
export function isStorageError(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code ?? '';
  return /^SQLITE_(FULL|READONLY|IOERR|CANTOPEN|BUSY|LOCKED|CORRUPT|NOTADB)/.test(code);
}

/**
 * `GET /healthz`: 200 when the database answers and can be written and the app is running (Slack reached; in
 * Socket Mode, connected or not disconnected for longer than allowed), 503 otherwise, with `state` saying which. Also shows the outbox backlog
 * and age, permanent delivery failures, how long since the scheduler's last pass, and directory reachability.
 */
export function healthReport(deps: Pick<AppDeps, 'db' | 'clock' | 'logger'>, state: HealthState, schedulerPollMs: number): HealthReport {
  const now = deps.clock.now();
  const appState = state.state;
  const storage = storageProblem(deps.db);
  if (storage) {
    deps.logger.error({ problem: storage }, 'health check: the database cannot be written');
    return { status: 503, body: { ok: false, db: 'error', state: appState, problem: storage } };
  }
  const ok = appState === 'running';
  const store = new OutboxStore(deps.db);
  const stats = store.stats(now);
  const schedulerLagSeconds = state.lastSchedulerPassAt === null ? null : Math.max(0, Math.round((now - state.lastSchedulerPassAt) / 1000));
  return {
    status: ok ? 200 : 503,
    body: {
      ok,
      db: 'ok',
      state: appState,
      ...(state.slack ? { slack: state.slack.snapshot() } : {}),
      outbox: { ...stats, recentFailures: stats.failed > 0 ? store.recentFailures() : [] },
      scheduler: { lastPassSecondsAgo: schedulerLagSeconds, late: schedulerLagSeconds !== null && schedulerLagSeconds * 1000 > schedulerPollMs * 3 },
      directory: state.directory ?? 'not_configured',
    },
  };
}
