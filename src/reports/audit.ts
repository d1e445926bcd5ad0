import { sql } from 'drizzle-orm';
import { buildOnce } from '../../db/client.js';
import { auditEvents } from '../../db/schema.js';
import type { Writer } from '../../db/client.js';

const insertEvent = buildOnce((w: Writer) =>
  w
    .insert(auditEvents)
    .values({
      type: sql.placeholder('type'),
      reportId: sql.placeholder('reportId'),
      actorSlackId: sql.placeholder('actorSlackId'),
      data: sql.placeholder('data'),
      createdAt: sql.placeholder('now'),
    })
    .prepare(),
);

/** Appends one row to the audit trail, inside the caller's transaction. `data` must never hold a secret. */
export function audit(
  w: Writer,
  event: {
    type: string;
    reportId?: number | null;
    actorSlackId?: string | null;
    data?: Record<string, unknown>;
    now: number;
  },
): void {
  insertEvent(w).run({
    type: event.type,
    reportId: event.reportId ?? null,
    actorSlackId: event.actorSlackId ?? null,
    data: JSON.stringify(event.data ?? {}),
    now: event.now,
  });
}
