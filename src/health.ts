import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Db } from '../db/client.js';
import type { AppDeps } from './deps.js';
import type { WriteCapability } from './directory/write-capability.js';
import type { EdgeRoute } from './http-edge.js';
import { OutboxStore } from './outbox/outbox.js';
import type { AppState, SlackConnection } from './slack/connection-state.js';
import type { DutyGroupStatus } from './slack/duty-group.js';

/** A successful write probe stands for this long; a failed one is never reused. */
export const WRITE_PROBE_REUSE_MS = 1000;

/** What background work last saw, for /healthz (updated by the app, the scheduler and the directory probe). */
export class HealthState {
  lastSchedulerPassAt: number | null = null;
  directory: { reachable: boolean; checkedAt: number; problem?: string } | null = null;
  /** Whether the cybozu.com credentials can change users (checked at start and with the directory probe). */
  directoryWrites: WriteCapability | null = null;
  /** When the database write probe last succeeded; null after a failure. */
  lastWriteOkAt: number | null = null;
  /** The last storage problem logged, so a flood of probes against a broken database logs it once. */
  lastProblem: string | null = null;
  /** The on-duty user group (DUTY_USERGROUP_HANDLE), when kept: its state and any problem keeping it. */
  dutyGroup: { status(): DutyGroupStatus } | null = null;
  /** The link to Slack (starting, connected since, reconnecting); null: not tracked (treated as running). */
  slack: SlackConnection | null = null;

  /** Where the app is in its life, shown to every /healthz caller; only 'running' takes work, the others answer 503. */
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
 * Does the `Authorization` header carry `Bearer <token>`? Without a configured token nobody does. Both sides are
 * hashed first, so the comparison takes the same time whatever the length or content of the guess.
 */
export function bearerMatches(header: string | undefined, token: string | undefined): boolean {
  if (!token || !header) return false;
  const match = /^Bearer +(\S+) *$/i.exec(header);
  if (!match) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(match[1]!), digest(token));
}

export interface HealthOptions {
  schedulerPollMs: number;
  /** The caller showed HEALTH_TOKEN: add the outbox, scheduler, directory and Slack connection. */
  detailed: boolean;
}

/**
 * `GET /healthz`: 200 when the app is running and the database answers and can be written, 503 otherwise. Everyone
 * sees `ok`, `db` and `state`; with `detailed`, also the outbox backlog and age, permanent delivery failures (with
 * their report ids), how long since the scheduler's last pass, directory reachability and the Slack connection.
 * The write probe runs at most once per WRITE_PROBE_REUSE_MS while it succeeds, so a flood of calls costs little.
 */
export function healthReport(
  deps: Pick<AppDeps, 'db' | 'clock' | 'logger'>,
  state: HealthState,
  opts: HealthOptions,
): HealthReport {
  const now = deps.clock.now();
  const sinceOk = state.lastWriteOkAt === null ? Infinity : now - state.lastWriteOkAt;
  // A clock set back (sinceOk < 0) does not stretch the reuse.
  const reuse = sinceOk >= 0 && sinceOk < WRITE_PROBE_REUSE_MS;
  const problem = reuse ? null : storageProblem(deps.db);
  if (problem) {
    state.lastWriteOkAt = null;
    if (problem !== state.lastProblem) deps.logger.error({ problem }, 'health check: the database cannot be written');
    state.lastProblem = problem;
    return { status: 503, body: { ok: false, db: 'error', state: state.state, ...(opts.detailed ? { problem } : {}) } };
  }
  if (!reuse) state.lastWriteOkAt = now;
  if (state.lastProblem !== null)
    deps.logger.info({ problem: state.lastProblem }, 'health check: the database can be written again');
  state.lastProblem = null;
  const running = state.state === 'running';
  const head = { ok: running, db: 'ok', state: state.state };
  const status = running ? 200 : 503;
  if (!opts.detailed) return { status, body: head };

  const store = new OutboxStore(deps.db);
  const stats = store.stats(now);
  const schedulerLagSeconds =
    state.lastSchedulerPassAt === null ? null : Math.max(0, Math.round((now - state.lastSchedulerPassAt) / 1000));
  return {
    status,
    body: {
      ...head,
      outbox: { ...stats, recentFailures: stats.failed > 0 ? store.recentFailures() : [] },
      scheduler: {
        lastPassSecondsAgo: schedulerLagSeconds,
        late: schedulerLagSeconds !== null && schedulerLagSeconds * 1000 > opts.schedulerPollMs * 3,
      },
      directory: state.directory ?? 'not_configured',
      ...(state.directoryWrites ? { directoryWrites: state.directoryWrites } : {}),
      ...(state.slack ? { slack: state.slack.snapshot() } : {}),
      ...(state.dutyGroup ? { dutyGroup: state.dutyGroup.status() } : {}),
    },
  };
}

/** `GET` and `HEAD /healthz`: the state for anyone, the details for HEALTH_TOKEN's bearer. */
export function healthRoute(
  deps: Pick<AppDeps, 'db' | 'clock' | 'logger' | 'config' | 'schedulerPollMs'>,
  state: HealthState,
): EdgeRoute {
  const serve = (req: IncomingMessage, res: ServerResponse): void => {
    const { status, body } = healthReport(deps, state, {
      schedulerPollMs: deps.schedulerPollMs ?? 5000,
      detailed: bearerMatches(req.headers.authorization, deps.config.healthToken),
    });
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  return { path: '/healthz', methods: { GET: serve, HEAD: serve } };
}
