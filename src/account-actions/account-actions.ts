import { tellThread } from '../reports/thread.js';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { accountActions, type AccountAction, type Report } from '../../db/schema.js';
import {
  DirectoryError,
  DirectoryNoLicenceError,
  DirectoryUnexpectedError,
  DirectoryValidationError,
} from '../directory/errors.js';
import type { Directory } from '../directory/port.js';
import { enqueueDm, type OutgoingMessage } from '../outbox/outbox.js';
import type { Writer } from '../../db/client.js';
import { audit } from '../reports/audit.js';
import { reportById } from '../reports/queries.js';
import { deliversPassword, mayChangeAccount, type ApiActionKind } from './account-check.js';
import { approvalExpired, endPendingApprovals, type ApprovalEndReason } from './approvals.js';
import type { SecretStore } from './secret-store.js';
import { temporaryPassword } from './temporary-password.js';
import type { EnvironmentSettings } from '../settings/environment-settings.js';

export type { ApiActionKind } from './account-check.js';
/** How the reporter's identity was established for an action (recorded on it and in the audit trail). */
export type IdentityProof = 'sso' | 'email_match' | 'admin_confirmed' | 'not_needed' | 'self_service';

/** What the thread and the reporter are told; provided by the Slack layer (no Block Kit here). */
export interface ActionNotices {
  needsApproval(report: Report, action: AccountAction): OutgoingMessage;
  succeeded(report: Report, action: AccountAction): OutgoingMessage;
  /**
   * `rejection`: cybozu's own words when it refused the request as invalid (CB_VA01), e.g. the password policy, or
   * for want of a free licence (`action.errorKind` is `no_licence`).
   */
  failed(report: Report, action: AccountAction, rejection?: string[]): OutgoingMessage;
  unknown(report: Report, action: AccountAction): OutgoingMessage;
  recorded(report: Report, action: AccountAction): OutgoingMessage;
  /** The reporter's DM with the reveal button; it never contains the password itself. */
  reporterPassword(report: Report, action: AccountAction, secretId: number, expiresAt: number): OutgoingMessage;
  reporterDone(report: Report, action: AccountAction): OutgoingMessage;
  /** A request for approval that ended unrun (expired, or what it was for changed); `errorKind` says why. */
  approvalEnded(report: Report, action: AccountAction): OutgoingMessage;
}

export interface ActionContext {
  now: () => number;
  supportChannelId: string;
  secretTtlMs: number;
  /** How long a request for a second admin's approval stays valid. */
  approvalExpiryMs: number;
  notices: ActionNotices;
  /** The environment's settings as they are now (password policy for temporary passwords). */
  settings: () => EnvironmentSettings;
}

export type BeginOutcome =
  | { kind: 'started' | 'pending_approval' | 'replayed'; action: AccountAction }
  /** Another action on this report is running or waiting for approval: one at a time. */
  | { kind: 'busy'; action: AccountAction }
  /** The report was resolved or withdrawn meanwhile, or awaits its reporter's confirmation: nothing was written. */
  | { kind: 'not_live'; report: Report | undefined };

export type ApproveOutcome =
  | { kind: 'started'; action: AccountAction }
  | { kind: 'same_admin' | 'not_pending'; action: AccountAction | undefined }
  | { kind: 'expired'; action: AccountAction }
  | { kind: 'not_live'; report: Report | undefined };

/**
 * Runs account actions exactly once: the row is written (state `running`) before the API is called, a second
 * click or a concurrent admin finds it, and the outcome, audit row, thread reply and DMs are written together.
 */
export class AccountActions {
  constructor(
    private readonly db: Db,
    private readonly directory: Directory,
    private readonly secrets: SecretStore | null,
    private readonly ctx: ActionContext,
  ) {}

  get(id: number): AccountAction | undefined {
    return this.db.select().from(accountActions).where(eq(accountActions.id, id)).get();
  }

  /**
   * Starts an action (or asks for approval), once per request key. The report must still be open or in
   * progress, checked in the same transaction that writes the row.
   */
  begin(p: {
    reportId: number;
    kind: ApiActionKind;
    targetLoginName: string;
    requestedBy: string;
    identity: IdentityProof;
    requestKey: string;
    needsApproval: boolean;
  }): BeginOutcome {
    return this.db.transaction((tx) => {
      const replay = tx.select().from(accountActions).where(eq(accountActions.requestKey, p.requestKey)).get();
      if (replay) return { kind: 'replayed', action: replay } as const;
      const report = reportById(tx, p.reportId);
      if (!report || !mayChangeAccount(report)) return { kind: 'not_live', report } as const;
      // A request nobody approved in time must not block a new one.
      this.expireOn(tx, p.reportId);
      const inFlight = tx
        .select()
        .from(accountActions)
        .where(
          and(eq(accountActions.reportId, p.reportId), inArray(accountActions.state, ['running', 'pending_approval'])),
        )
        .get();
      if (inFlight) return { kind: 'busy', action: inFlight } as const;
      const now = this.ctx.now();
      const action = tx
        .insert(accountActions)
        .values({ ...p, state: p.needsApproval ? 'pending_approval' : 'running', createdAt: now })
        .returning()
        .get();
      audit(tx, {
        type: 'action.requested',
        reportId: p.reportId,
        actorSlackId: p.requestedBy,
        data: {
          actionId: action.id,
          kind: p.kind,
          target: p.targetLoginName,
          identity: p.identity,
          needsApproval: p.needsApproval,
        },
        now,
      });
      if (p.needsApproval) this.tellThread(tx, action, (r) => this.ctx.notices.needsApproval(r, action));
      return { kind: p.needsApproval ? 'pending_approval' : 'started', action } as const;
    });
  }

  /**
   * A second admin (not the requester) approves an action on an administrator account; it then runs. Checked in
   * the transaction that starts it: still pending, not expired, the report still open or in progress.
   */
  approve(actionId: number, approver: string): ApproveOutcome {
    return this.db.transaction((tx) => {
      const action = tx.select().from(accountActions).where(eq(accountActions.id, actionId)).get();
      if (action?.state !== 'pending_approval') return { kind: 'not_pending', action } as const;
      if (action.requestedBy === approver) return { kind: 'same_admin', action } as const;
      const report = reportById(tx, action.reportId);
      if (!report || !mayChangeAccount(report)) return { kind: 'not_live', report } as const;
      if (approvalExpired(action, this.ctx.now(), this.ctx.approvalExpiryMs)) {
        const [expired] = this.end(tx, { actionId }, 'expired', null);
        return { kind: 'expired', action: expired ?? action } as const;
      }
      const approved = tx
        .update(accountActions)
        .set({ state: 'running', approvedBy: approver })
        .where(and(eq(accountActions.id, actionId), eq(accountActions.state, 'pending_approval')))
        .returning()
        .get()!;
      audit(tx, {
        type: 'action.approved',
        reportId: action.reportId,
        actorSlackId: approver,
        data: { actionId },
        now: this.ctx.now(),
      });
      return { kind: 'started', action: approved } as const;
    });
  }

  /** A pending approval past the expiry (it counts as expired even before the sweep marks it). */
  isExpired(action: AccountAction): boolean {
    return approvalExpired(action, this.ctx.now(), this.ctx.approvalExpiryMs);
  }

  /** Ends a pending approval unrun: expired, or what it was for changed (seen when the approver pressed the button). */
  endApproval(actionId: number, reason: ApprovalEndReason, actor: string | null): AccountAction | undefined {
    return this.db.transaction((tx) => this.end(tx, { actionId }, reason, actor)[0]);
  }

  /** Housekeeping: requests for approval older than the expiry end, and the thread is told. */
  expireApprovals(): AccountAction[] {
    return this.db.transaction((tx) =>
      this.end(tx, { createdBefore: this.ctx.now() - this.ctx.approvalExpiryMs }, 'expired', null),
    );
  }

  /** Makes the User API call for a `running` action and records the outcome. Writes are never retried blindly. */
  async execute(action: AccountAction): Promise<AccountAction> {
    const kind = action.kind as ApiActionKind;
    let password: string | null = null;
    try {
      if (deliversPassword(kind)) {
        if (!this.secrets)
          throw new DirectoryUnexpectedError(
            'SECRET_ENCRYPTION_KEY is not set: a temporary password could not be delivered safely',
          );
        password = temporaryPassword(action.targetLoginName, this.ctx.settings().password);
        // The directory keeps the account's current `valid`: a reset never re-activates a suspended account.
        await this.directory.setPassword(action.targetLoginName, password);
      } else if (kind === 'resume') {
        await this.directory.resume(action.targetLoginName);
      } else {
        await this.directory.assignService(action.targetLoginName, 'kintone');
      }
    } catch (error) {
      const failure =
        error instanceof DirectoryError
          ? error
          : new DirectoryUnexpectedError(error instanceof Error ? error.message : String(error));
      // A write that timed out or lost its connection may have happened: say "unknown", never "failed".
      const outcome = failure.kind === 'timeout' || failure.kind === 'unavailable' ? 'unknown' : 'failed';
      return this.finish(action, outcome, failure, null, rejectionOf(failure, password));
    }
    // The password only leaves this function sealed (SecretStore) for the reporter's one reveal.
    return this.finish(action, 'succeeded', null, password);
  }

  /** Records an action that needs no API call: "ask the user to wait", or a manual fix done in the admin screen. */
  record(p: {
    reportId: number;
    kind: 'ask_to_wait' | 'manual';
    remedy?: string;
    targetLoginName: string;
    by: string;
    requestKey: string;
  }): { kind: 'recorded' | 'replayed'; action: AccountAction } | { kind: 'not_live'; report: Report | undefined } {
    return this.db.transaction((tx) => {
      const replay = tx.select().from(accountActions).where(eq(accountActions.requestKey, p.requestKey)).get();
      if (replay) return { kind: 'replayed', action: replay } as const;
      const report = reportById(tx, p.reportId);
      if (!report || !mayChangeAccount(report)) return { kind: 'not_live', report } as const;
      const now = this.ctx.now();
      const action = tx
        .insert(accountActions)
        .values({
          reportId: p.reportId,
          kind: p.kind,
          remedy: p.remedy ?? null,
          targetLoginName: p.targetLoginName,
          requestedBy: p.by,
          identity: 'not_needed',
          state: 'succeeded',
          requestKey: p.requestKey,
          createdAt: now,
          finishedAt: now,
        })
        .returning()
        .get();
      audit(tx, {
        type: `action.${p.kind}`,
        reportId: p.reportId,
        actorSlackId: p.by,
        data: { actionId: action.id, remedy: p.remedy, target: p.targetLoginName },
        now,
      });
      this.tellThread(tx, action, (r) => this.ctx.notices.recorded(r, action));
      this.tellReporter(tx, action, (r) => this.ctx.notices.reporterDone(r, action));
      return { kind: 'recorded', action } as const;
    });
  }

  /** At start: actions left `running` by a crash have an unknown outcome; the thread says so, and they can be retried. */
  recoverInterrupted(): AccountAction[] {
    const stuck = this.db.select().from(accountActions).where(eq(accountActions.state, 'running')).all();
    return stuck.map((action) => this.finish(action, 'unknown', null));
  }

  private finish(
    action: AccountAction,
    outcome: 'succeeded' | 'failed' | 'unknown',
    error: DirectoryError | null,
    password: string | null = null,
    rejection?: string[],
  ): AccountAction {
    return this.db.transaction((tx) => {
      const now = this.ctx.now();
      const done = tx
        .update(accountActions)
        .set({
          state: outcome,
          finishedAt: now,
          errorKind: error?.kind ?? null,
          cybozuErrorId: error?.cybozuErrorId ?? null,
        })
        .where(and(eq(accountActions.id, action.id), eq(accountActions.state, 'running')))
        .returning()
        .get();
      if (!done) return action;
      audit(tx, {
        type: `action.${action.kind}.${outcome}`,
        reportId: action.reportId,
        actorSlackId: action.requestedBy,
        data: {
          actionId: action.id,
          target: action.targetLoginName,
          approvedBy: action.approvedBy,
          identity: action.identity,
          errorKind: error?.kind,
          cybozuErrorId: error?.cybozuErrorId,
          status: error?.status,
        },
        now,
      });
      const notices = this.ctx.notices;
      this.tellThread(tx, done, (r) =>
        outcome === 'succeeded'
          ? notices.succeeded(r, done)
          : outcome === 'failed'
            ? notices.failed(r, done, rejection)
            : notices.unknown(r, done),
      );
      if (outcome === 'succeeded') {
        if (password !== null && this.secrets) {
          const expiresAt = now + this.ctx.secretTtlMs;
          const report = reportById(tx, done.reportId)!;
          const secretId = this.secrets.create(tx, {
            actionId: done.id,
            recipientSlackId: report.reporterSlackId,
            plaintext: password,
            expiresAt,
          });
          this.tellReporter(tx, done, (r) => notices.reporterPassword(r, done, secretId, expiresAt));
        } else {
          this.tellReporter(tx, done, (r) => notices.reporterDone(r, done));
        }
      }
      return done;
    });
  }

  /** Ends pending approvals unrun, with their audit rows and a word in each thread. */
  private end(
    tx: Writer,
    which: Parameters<typeof endPendingApprovals>[1],
    reason: ApprovalEndReason,
    actor: string | null,
  ): AccountAction[] {
    const ended = endPendingApprovals(tx, which, { reason, actor, now: this.ctx.now() });
    for (const action of ended) this.tellThread(tx, action, (r) => this.ctx.notices.approvalEnded(r, action));
    return ended;
  }

  /** The report's requests for approval that are past the expiry, ended before anything looks at them. */
  private expireOn(tx: Writer, reportId: number): void {
    const now = this.ctx.now();
    const stale = tx
      .select()
      .from(accountActions)
      .where(and(eq(accountActions.reportId, reportId), eq(accountActions.state, 'pending_approval')))
      .all()
      .filter((a) => approvalExpired(a, now, this.ctx.approvalExpiryMs));
    for (const action of stale) this.end(tx, { actionId: action.id }, 'expired', null);
  }

  private tellThread(tx: Writer, action: AccountAction, message: (report: Report) => OutgoingMessage): void {
    const report = reportById(tx, action.reportId);
    if (!report) return;
    tellThread(tx, {
      reportId: report.id,
      channel: this.ctx.supportChannelId,
      now: this.ctx.now(),
      reply: message(report),
    });
  }

  private tellReporter(tx: Writer, action: AccountAction, message: (report: Report) => OutgoingMessage): void {
    const report = reportById(tx, action.reportId);
    if (report)
      enqueueDm(tx, {
        userId: report.reporterSlackId,
        message: message(report),
        reportId: report.id,
        now: this.ctx.now(),
      });
  }
}

/**
 * cybozu's own messages of a validation error (CB_VA01) or a licence refusal, for the admin. The password we sent
 * is cut out should cybozu ever quote it (it never has been seen to).
 */
function rejectionOf(error: DirectoryError, password: string | null): string[] | undefined {
  if (!(error instanceof DirectoryValidationError) && !(error instanceof DirectoryNoLicenceError)) return undefined;
  const messages = [
    ...Object.values(error.fieldMessages).flat(),
    ...(error.cybozuMessage ? [error.cybozuMessage] : []),
  ];
  const unique = [
    ...new Set(messages.map((m) => (password ? m.split(password).join('***') : m)).filter((m) => m.trim() !== '')),
  ];
  return unique.length > 0 ? unique : undefined;
}
