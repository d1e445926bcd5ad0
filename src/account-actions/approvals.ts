import { and, eq, lte } from 'drizzle-orm';
import { accountActions, type AccountAction } from '../../db/schema.js';
import type { Writer } from '../../db/client.js';
import { audit } from '../reports/audit.js';
import { nothingToDo, type AccountCheck, type ApiActionKind } from './account-check.js';

/**
 * Why a request for a second admin's approval ended without running: the report was closed, it waited too
 * long, or what the requester saw is no longer true when the approver looks (re-read from the directory).
 */
export type ApprovalEndReason =
  | 'report_resolved'
  | 'report_cancelled'
  | 'expired'
  | 'account_changed'
  | 'identity_lost'
  | 'nothing_to_do';

/** A pending approval older than the expiry no longer counts, even before the sweep has marked it. */
export function approvalExpired(
  action: Pick<AccountAction, 'state' | 'createdAt'>,
  now: number,
  expiryMs: number,
): boolean {
  return action.state === 'pending_approval' && now - action.createdAt >= expiryMs;
}

/**
 * Why a request no longer holds when the approver looks, from the account re-read in the directory: it is gone or
 * renamed, there is nothing left to do, or the identity proof the requester relied on is no longer true. An
 * admin's own confirmation of the person (admin_confirmed) stays theirs.
 */
export function approvalNoLongerHolds(
  action: Pick<AccountAction, 'kind' | 'targetLoginName' | 'identity'>,
  check: AccountCheck | null,
): 'account_changed' | 'nothing_to_do' | 'identity_lost' | null {
  if (!check || check.user.loginName !== action.targetLoginName) return 'account_changed';
  if (nothingToDo(action.kind as ApiActionKind, check)) return 'nothing_to_do';
  if ((action.identity === 'sso' || action.identity === 'email_match') && check.proof === 'unverified')
    return 'identity_lost';
  return null;
}

/**
 * Ends the pending approvals that match (a report's, one action, or those created before a time) inside the
 * caller's transaction, each with an audit row; returns the ones it ended. A row that was approved meanwhile is
 * left alone (the update is guarded on the state).
 */
export function endPendingApprovals(
  tx: Writer,
  which: { reportId: number } | { actionId: number } | { createdBefore: number },
  p: { reason: ApprovalEndReason; actor: string | null; now: number },
): AccountAction[] {
  const match =
    'reportId' in which
      ? eq(accountActions.reportId, which.reportId)
      : 'actionId' in which
        ? eq(accountActions.id, which.actionId)
        : lte(accountActions.createdAt, which.createdBefore);
  const state = p.reason === 'expired' ? 'expired' : 'cancelled';
  const ended = tx
    .update(accountActions)
    .set({ state, errorKind: p.reason, finishedAt: p.now })
    .where(and(match, eq(accountActions.state, 'pending_approval')))
    .returning()
    .all();
  for (const action of ended) {
    audit(tx, {
      type: state === 'expired' ? 'action.approval_expired' : 'action.approval_cancelled',
      reportId: action.reportId,
      actorSlackId: p.actor,
      data: {
        actionId: action.id,
        kind: action.kind,
        target: action.targetLoginName,
        requestedBy: action.requestedBy,
        reason: p.reason,
      },
      now: p.now,
    });
  }
  return ended;
}
