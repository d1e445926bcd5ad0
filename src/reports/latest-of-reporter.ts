import type Database from 'better-sqlite3';
import type { Db } from '../../db/client.js';
import { reportsOfReporter, type ReportSummary } from './queries.js';

/** Reporters whose latest reports are kept; beyond it the least recently asked are dropped. */
const MAX_REPORTERS = 2000;
const CHANGED = 'kintone_login_reporter_changed';

interface Cache {
  /** Per reporter, per limit; a reporter's entry moves to the end when asked (least recently asked first). */
  byReporter: Map<string, Map<number, readonly ReportSummary[]>>;
}
const caches = new WeakMap<Database.Database, Cache>();

/**
 * A reporter's latest reports, newest first (what `status` and App Home list), kept in memory until one of the
 * reporter's reports changes. `status` answers inside its ack, and its query cost a third of that ack (~35–70 µs
 * in a loaded process: SQLite's locks and cold caches, not the index). Any insert, update or delete of a report
 * row forgets its reporter's entry through temporary triggers on this connection, the only one that writes
 * reports (one instance per database; `npm run restore` refuses to run beside it), so no write path can forget
 * to. The rows returned are shared: read them, do not change them.
 */
export function latestReportsOf(db: Db, slackUserId: string, limit = 10): readonly ReportSummary[] {
  const { byReporter } = cacheOf(db.$client);
  const mine = byReporter.get(slackUserId);
  const kept = mine?.get(limit);
  if (mine) {
    byReporter.delete(slackUserId);
    byReporter.set(slackUserId, mine);
  }
  if (kept) return kept;
  const rows = reportsOfReporter(db, slackUserId, limit);
  byReporter.set(slackUserId, (mine ?? new Map()).set(limit, rows));
  if (byReporter.size > MAX_REPORTERS) byReporter.delete(byReporter.keys().next().value!);
  return rows;
}

function cacheOf(client: Database.Database): Cache {
  const cache = caches.get(client);
  if (cache) return cache;
  const created: Cache = { byReporter: new Map() };
  client.function(CHANGED, { varargs: true, deterministic: false }, (...reporters: unknown[]) => {
    for (const reporter of reporters) created.byReporter.delete(String(reporter));
    return null;
  });
  // TEMP: they belong to this connection only, never to the database file (or its backups and migrations).
  client.exec(`
    CREATE TEMP TRIGGER IF NOT EXISTS reports_inserted_forget AFTER INSERT ON main.reports
      BEGIN SELECT ${CHANGED}(NEW.reporter_slack_id); END;
    CREATE TEMP TRIGGER IF NOT EXISTS reports_updated_forget AFTER UPDATE ON main.reports
      BEGIN SELECT ${CHANGED}(OLD.reporter_slack_id, NEW.reporter_slack_id); END;
    CREATE TEMP TRIGGER IF NOT EXISTS reports_deleted_forget AFTER DELETE ON main.reports
      BEGIN SELECT ${CHANGED}(OLD.reporter_slack_id); END;
  `);
  caches.set(client, created);
  return created;
}
