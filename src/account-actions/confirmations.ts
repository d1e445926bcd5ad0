import { eq, lt } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { actionConfirmations, type ActionConfirmation } from '../../db/schema.js';
import type { ApiActionKind, IdentityProof } from './account-check.js';

/** Confirmations older than this are forgotten: submitting one asks the admin to press the button again. */
export const CONFIRMATION_RETENTION_MS = 24 * 60 * 60 * 1000;

/**
 * What the server showed an admin in an account action's confirmation, keyed by Slack's view id. The submission
 * is matched by that id alone: the report, the action and the account are never taken from the modal.
 */
export function rememberConfirmation(
  db: Db,
  p: {
    viewId: string;
    reportId: number;
    kind: ApiActionKind;
    targetLoginName: string;
    identity: IdentityProof;
    openedBy: string;
    now: number;
  },
): void {
  const row = {
    reportId: p.reportId,
    kind: p.kind,
    targetLoginName: p.targetLoginName,
    identity: p.identity,
    openedBy: p.openedBy,
    createdAt: p.now,
  };
  // The same view is filled in again when the admin presses the button again while it is open.
  db.insert(actionConfirmations)
    .values({ viewId: p.viewId, ...row })
    .onConflictDoUpdate({ target: actionConfirmations.viewId, set: row })
    .run();
}

/** The confirmation opened as `viewId`, if this admin opened it and it is recent enough. */
export function openedConfirmation(
  db: Db,
  viewId: string,
  adminSlackId: string,
  now: number,
): ActionConfirmation | null {
  const row = db.select().from(actionConfirmations).where(eq(actionConfirmations.viewId, viewId)).get();
  if (!row || row.openedBy !== adminSlackId || now - row.createdAt >= CONFIRMATION_RETENTION_MS) return null;
  return row;
}

/** Housekeeping: confirmations nobody can submit any more. */
export function purgeConfirmations(db: Db, now: number): number {
  return db
    .delete(actionConfirmations)
    .where(lt(actionConfirmations.createdAt, now - CONFIRMATION_RETENTION_MS))
    .run().changes;
}
