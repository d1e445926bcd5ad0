import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Db } from '../../db/client.js';
import type { Clock } from '../clock.js';
import { bearerMatches, type HealthState } from '../health.js';
import { answer, type EdgeRoute } from '../http-edge.js';
import { OutboxStore } from '../outbox/outbox.js';
import { auditSince, latestAuditId, type AuditTailRow } from './audit-tail.js';

/** Minutes to hours: an acknowledgement takes minutes, a resolution up to days. */
const ACK_BUCKETS_S = [30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14_400, 28_800, 86_400];
const RESOLVE_BUCKETS_S = [300, 900, 1800, 3600, 7200, 14_400, 28_800, 86_400, 172_800, 604_800];
/** Outbound calls: milliseconds to the client's 10-second timeout. */
const CALL_BUCKETS_S = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const ACCOUNT_ACTION_KINDS = new Set(['reset_password', 'unlock', 'resume', 'assign_kintone', 'ask_to_wait', 'manual']);
/** Audit rows read per pass while catching up, so a scrape after a long silence stays a short stretch of work. */
const AUDIT_BATCH = 2000;

/** An outbound call as the metrics see it: which method, how long, and the error (null: it succeeded). */
export interface CallObservation {
  method: string;
  seconds: number;
  error: string | null;
}
export type CallObserver = (call: CallObservation) => void;

/**
 * The app's Prometheus metrics (`GET /metrics`), in a registry of its own so that several apps in one process
 * (the tests) never share a counter. Report and account-action counts are read from the audit trail as it grows
 * (only what was committed counts, with no hook in the domain code); outbound calls and walks are observed where
 * they happen; backlog and lag are read at each scrape.
 */
export class AppMetrics {
  readonly registry = new Registry();
  private auditCursor: number;

  private readonly reportsCreated = new Counter({
    name: 'kintone_login_reports_created_total',
    help: 'Reports created, by the remedy they ask for',
    labelNames: ['remedy'],
    registers: [this.registry],
  });
  private readonly reportsClosed = new Counter({
    name: 'kintone_login_reports_closed_total',
    help: 'Reports closed, by remedy and outcome (resolved by an admin, cancelled: the reporter withdrew it)',
    labelNames: ['remedy', 'outcome'],
    registers: [this.registry],
  });
  private readonly timeToAcknowledge = new Histogram({
    name: 'kintone_login_report_time_to_acknowledge_seconds',
    help: 'From a report to its acknowledgement by an admin',
    labelNames: ['remedy'],
    buckets: ACK_BUCKETS_S,
    registers: [this.registry],
  });
  private readonly timeToResolve = new Histogram({
    name: 'kintone_login_report_time_to_resolve_seconds',
    help: 'From a report to its resolution',
    labelNames: ['remedy'],
    buckets: RESOLVE_BUCKETS_S,
    registers: [this.registry],
  });
  private readonly walksFinished = new Counter({
    name: 'kintone_login_walks_finished_total',
    help: 'Troubleshooter runs by how they ended: self_resolved (self-help worked), reported, abandoned',
    labelNames: ['outcome'],
    registers: [this.registry],
  });
  private readonly accountActions = new Counter({
    name: 'kintone_login_account_actions_total',
    help: 'Account actions by kind and outcome (succeeded, failed, unknown; recorded for ones done by hand)',
    labelNames: ['kind', 'outcome'],
    registers: [this.registry],
  });
  private readonly slackCalls = new Histogram({
    name: 'kintone_login_slack_api_call_duration_seconds',
    help: 'Slack Web API calls by method',
    labelNames: ['method'],
    buckets: CALL_BUCKETS_S,
    registers: [this.registry],
  });
  private readonly slackErrors = new Counter({
    name: 'kintone_login_slack_api_errors_total',
    help: 'Slack Web API calls that failed, by method and error',
    labelNames: ['method', 'error'],
    registers: [this.registry],
  });
  private readonly cybozuCalls = new Histogram({
    name: 'kintone_login_cybozu_api_call_duration_seconds',
    help: 'cybozu.com User API requests by method and path',
    labelNames: ['method'],
    buckets: CALL_BUCKETS_S,
    registers: [this.registry],
  });
  private readonly cybozuErrors = new Counter({
    name: 'kintone_login_cybozu_api_errors_total',
    help: 'cybozu.com User API requests that failed, by method and error kind',
    labelNames: ['method', 'error'],
    registers: [this.registry],
  });

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly health: HealthState,
    /** Scheduled backups' state, when BACKUP_DIR is set. */
    backups: { lastSuccessAt: number | null; failures: number } | null,
  ) {
    // Counters start at zero with the process, as Prometheus expects: only what happens from now on is counted.
    this.auditCursor = latestAuditId(db);
    const store = new OutboxStore(db);
    const now = () => this.clock.now();
    new Gauge({
      name: 'kintone_login_outbox_pending',
      help: 'Slack messages waiting in the outbox',
      registers: [this.registry],
      collect() {
        this.set(store.stats(now()).pending);
      },
    });
    new Gauge({
      name: 'kintone_login_outbox_failed',
      help: 'Slack messages Slack refused for good',
      registers: [this.registry],
      collect() {
        this.set(store.stats(now()).failed);
      },
    });
    new Gauge({
      name: 'kintone_login_outbox_oldest_pending_age_seconds',
      help: 'Age of the oldest message waiting in the outbox (0 when none waits)',
      registers: [this.registry],
      collect() {
        this.set(store.stats(now()).oldestPendingAgeSeconds ?? 0);
      },
    });
    const state = this.health;
    new Gauge({
      name: 'kintone_login_scheduler_lag_seconds',
      help: "Seconds since the scheduler's last pass (escalations, housekeeping); -1 before the first",
      registers: [this.registry],
      collect() {
        this.set(state.lastSchedulerPassAt === null ? -1 : Math.max(0, (now() - state.lastSchedulerPassAt) / 1000));
      },
    });
    if (backups) {
      new Gauge({
        name: 'kintone_login_backup_last_success_timestamp_seconds',
        help: 'When the last scheduled backup succeeded (Unix time; 0: none yet)',
        registers: [this.registry],
        collect() {
          this.set(backups.lastSuccessAt === null ? 0 : backups.lastSuccessAt / 1000);
        },
      });
      new Gauge({
        name: 'kintone_login_backup_failures',
        help: 'Scheduled backups that failed since the start',
        registers: [this.registry],
        collect() {
          this.set(backups.failures);
        },
      });
    }
  }

  /** A troubleshooter run ended (reported runs are counted from the audit trail, with their report). */
  walkFinished(outcome: 'self_resolved' | 'abandoned'): void {
    this.walksFinished.inc({ outcome });
  }

  /** The Slack requests being handled and those waiting for a place (see MAX_REQUESTS_IN_FLIGHT). */
  watchRequests(requests: { readonly inFlight: number; readonly queued: number }): void {
    new Gauge({
      name: 'kintone_login_requests_in_flight',
      help: 'Slack requests being handled, including the work after their acknowledgement',
      registers: [this.registry],
      collect() {
        this.set(requests.inFlight);
      },
    });
    new Gauge({
      name: 'kintone_login_requests_waiting',
      help: 'Slack requests waiting, unacknowledged, for one in flight to finish (the app is at its bound)',
      registers: [this.registry],
      collect() {
        this.set(requests.queued);
      },
    });
  }

  readonly observeSlackCall: CallObserver = ({ method, seconds, error }) => {
    this.slackCalls.observe({ method }, seconds);
    if (error !== null) this.slackErrors.inc({ method, error });
  };

  readonly observeCybozuCall: CallObserver = ({ method, seconds, error }) => {
    this.cybozuCalls.observe({ method }, seconds);
    if (error !== null) this.cybozuErrors.inc({ method, error });
  };

  /** The text exposition for a scrape, after reading what the audit trail gained since the last one. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    this.catchUp();
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  /** Counts what was committed to the audit trail since the last look. */
  catchUp(): void {
    for (;;) {
      const rows = auditSince(this.db, this.auditCursor, AUDIT_BATCH);
      for (const row of rows) this.count(row);
      if (rows.length > 0) this.auditCursor = rows[rows.length - 1]!.id;
      if (rows.length < AUDIT_BATCH) return;
    }
  }

  private count(row: AuditTailRow): void {
    const remedy = row.remedy ?? 'unknown';
    const sinceReport = row.reportCreatedAt === null ? null : Math.max(0, (row.createdAt - row.reportCreatedAt) / 1000);
    switch (row.type) {
      case 'report.created':
        this.reportsCreated.inc({ remedy });
        this.walksFinished.inc({ outcome: 'reported' });
        return;
      case 'report.acknowledge':
        if (sinceReport !== null) this.timeToAcknowledge.observe({ remedy }, sinceReport);
        return;
      case 'report.resolve':
        this.reportsClosed.inc({ remedy, outcome: 'resolved' });
        if (sinceReport !== null) this.timeToResolve.observe({ remedy }, sinceReport);
        return;
      case 'report.cancel':
        this.reportsClosed.inc({ remedy, outcome: 'cancelled' });
        return;
    }
    // action.<kind>.<outcome> when a call to cybozu.com finished; action.<kind> when an admin recorded one done by hand.
    const [head, kind, outcome] = row.type.split('.');
    if (head === 'action' && kind && ACCOUNT_ACTION_KINDS.has(kind))
      this.accountActions.inc({ kind, outcome: outcome ?? 'recorded' });
  }
}

/**
 * `GET /metrics`, guarded like the details of /healthz: 401 without HEALTH_TOKEN's bearer, 404 when no token is
 * configured.
 */
export function metricsRoute(metrics: AppMetrics, healthToken: string | undefined): EdgeRoute {
  return {
    path: '/metrics',
    methods: {
      GET: async (req, res) => {
        if (!healthToken) return answer(req, res, 404);
        if (!bearerMatches(req.headers.authorization, healthToken))
          return answer(req, res, 401, { 'www-authenticate': 'Bearer' });
        const { contentType, body } = await metrics.scrape();
        res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
        res.end(body);
      },
    },
  };
}
