import { auditEvents } from '../../db/schema.js';
import type { Writer } from '../outbox/outbox.js';

/** Appends one row to the audit trail, inside the caller's transaction. `data` must never hold a secret. */
export function audit(
  w: Writer,
  event: { type: string; reportId?: number | null; actorSlackId?: string | null; data?: Record<string, unknown>; now: number },
): void {
  w.insert(auditEvents)
    .values({
      type: event.type,
      reportId: event.reportId ?? null,
      actorSlackId: event.actorSlackId ?? null,
      data: JSON.stringify(event.data ?? {}),
      createdAt: event.now,
    })
    .run();
}
