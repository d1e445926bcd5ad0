import { sql } from 'drizzle-orm';
import type { AppDeps } from './deps.js';
import { OutboxStore } from './outbox/outbox.js';

export interface HealthReport {
  status: 200 | 503;
  body: Record<string, unknown>;
}

/** `GET /healthz`: 200 when the database answers, 503 otherwise; the outbox backlog and failures are shown either way. */
export function healthReport(deps: Pick<AppDeps, 'db' | 'clock' | 'logger'>): HealthReport {
  try {
    deps.db.get(sql`select 1`);
  } catch (error) {
    deps.logger.error({ err: (error as Error).message }, 'health check: database does not answer');
    return { status: 503, body: { ok: false, db: 'error' } };
  }
  const store = new OutboxStore(deps.db);
  const stats = store.stats(deps.clock.now());
  return {
    status: 200,
    body: {
      ok: true,
      db: 'ok',
      outbox: { ...stats, recentFailures: stats.failed > 0 ? store.recentFailures() : [] },
    },
  };
}
