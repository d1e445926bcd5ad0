import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { accountActions, outbox, reports, type AccountAction, type Report } from '../../db/schema.js';
import { DirectoryError, DirectoryUnexpectedError } from '../directory/errors.js';
import type { Directory } from '../directory/port.js';
import { enqueueDm, enqueueThreadReply, type OutgoingMessage, type Writer } from '../outbox/outbox.js';
import { audit } from '../reports/audit.js';
import type { SecretStore } from './secret-store.js';
import { temporaryPassword } from './temporary-password.js';

/** Actions that call the User API. `unlock` is a password reset: that is how cybozu.com admins unlock. */
export type ApiActionKind = 'reset_password' | 'unlock' | 'resume' | 'assign_kintone';
export type Identity = 'sso' | 'email_match' | 'admin_confirmed' | 'not_needed';

/** What the thread and the reporter are told; provided by the Slack layer (no Block Kit here). */
export interface ActionNotices {
  needsApproval(report: Report, action: AccountAction): OutgoingMessage;
  succeeded(report: Report, action: AccountAction): OutgoingMessage;
  failed(report: Report, action: AccountAction): OutgoingMessage;
  unknown(report: Report, action: AccountAction): OutgoingMessage;
  recorded(report: Report, action: AccountAction): OutgoingMessage;
  /** The reporter's DM with the reveal button; it never contains the password itself. */
  reporterPassword(report: Report, action: AccountAction, secretId: number, expiresAt: number): OutgoingMessage;
  reporterDone(report: Report, action: AccountAction): OutgoingMessage;
}

export interface ActionContext {
  now: () => number;
  supportChannelId: string;
  secretTtlMs: number;
  notices: ActionNotices;
}

export type BeginOutcome =
  | { kind: 'started' | 'pending_approval' | 'replayed'; action: AccountAction }
  /** Another action on this report is running or waiting for approval: one at a time. */
  | { kind: 'busy'; action: AccountAction };

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

  begin(p: { reportId: number; kind: ApiActionKind; targetLoginName: string; requestedBy: string; identity: Identity; requestKey: string; needsApproval: boolean }): BeginOutcome {
    return this.db.transaction((tx) => {
      const replay = tx.select().from(accountActions).where(eq(accountActions.requestKey, p.requestKey)).get();
      if (replay) return { kind: 'replayed', action: replay } as const;
      const inFlight = tx
        .select()
        .from(accountActions)
        .where(and(eq(accountActions.reportId, p.reportId), inArray(accountActions.state, ['running', 'pending_approval'])))
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
        data: { actionId: action.id, kind: p.kind, target: p.targetLoginName, identity: p.identity, needsApproval: p.needsApproval },
        now,
      });
      if (p.needsApproval) this.tellThread(tx, action, (r) => this.ctx.notices.needsApproval(r, action));
      return { kind: p.needsApproval ? 'pending_approval' : 'started', action } as const;
    });
  }

  /** A second admin (not the requester) approves an action on an administrator account; it then runs. */
  approve(actionId: number, approver: string): { kind: 'started'; action: AccountAction } | { kind: 'not_pending' | 'same_admin' } {
    return this.db.transaction((tx) => {
      const action = tx.select().from(accountActions).where(eq(accountActions.id, actionId)).get();
      if (!action || action.state !== 'pending_approval') return { kind: 'not_pending' } as const;
      if (action.requestedBy === approver) return { kind: 'same_admin' } as const;
      const approved = tx
        .update(accountActions)
        .set({ state: 'running', approvedBy: approver })
        .where(and(eq(accountActions.id, actionId), eq(accountActions.state, 'pending_approval')))
        .returning()
        .get()!;
      audit(tx, { type: 'action.approved', reportId: action.reportId, actorSlackId: approver, data: { actionId }, now: this.ctx.now() });
      return { kind: 'started', action: approved } as const;
    });
  }

  /** Makes the User API call for a `running` action and records the outcome. Writes are never retried blindly. */
  async execute(action: AccountAction): Promise<AccountAction> {
    const kind = action.kind as ApiActionKind;
    let password: string | null = null;
    try {
      if (kind === 'reset_password' || kind === 'unlock') {
        if (!this.secrets) throw new DirectoryUnexpectedError('SECRET_ENCRYPTION_KEY is not set: a temporary password could not be delivered safely');
        password = temporaryPassword(action.targetLoginName);
        // The directory keeps the account's current `valid`: a reset never re-activates a suspended account.
        await this.directory.setPassword(action.targetLoginName, password);
      } else if (kind === 'resume') {
        await this.directory.resume(action.targetLoginName);
      } else {
        await this.directory.assignService(action.targetLoginName, 'kintone');
      }
    } catch (error) {
      const failure = error instanceof DirectoryError ? error : new DirectoryUnexpectedError(error instanceof Error ? error.message : String(error));
      // A write that timed out or lost its connection may have happened: say "unknown", never "failed".
      const outcome = failure.kind === 'timeout' || failure.kind === 'unavailable' ? 'unknown' : 'failed';
      return this.finish(action, outcome, failure);
    }
    // The password only leaves this function sealed (SecretStore) for the reporter's one reveal.
    return this.finish(action, 'succeeded', null, password);
  }

  /** Records an action that needs no API call: "ask the user to wait", or a manual fix done in the admin screen. */
  record(p: { reportId: number; kind: 'ask_to_wait' | 'manual'; remedy?: string; targetLoginName: string; by: string; requestKey: string }): { kind: 'recorded' | 'replayed'; action: AccountAction } {
    return this.db.transaction((tx) => {
      const replay = tx.select().from(accountActions).where(eq(accountActions.requestKey, p.requestKey)).get();
      if (replay) return { kind: 'replayed', action: replay } as const;
      const now = this.ctx.now();
      const action = tx
        .insert(accountActions)
        .values({ reportId: p.reportId, kind: p.kind, remedy: p.remedy ?? null, targetLoginName: p.targetLoginName, requestedBy: p.by, identity: 'not_needed', state: 'succeeded', requestKey: p.requestKey, createdAt: now, finishedAt: now })
        .returning()
        .get();
      audit(tx, { type: `action.${p.kind}`, reportId: p.reportId, actorSlackId: p.by, data: { actionId: action.id, remedy: p.remedy, target: p.targetLoginName }, now });
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

  private finish(action: AccountAction, outcome: 'succeeded' | 'failed' | 'unknown', error: DirectoryError | null, password: string | null = null): AccountAction {
    return this.db.transaction((tx) => {
      const now = this.ctx.now();
      const done = tx
        .update(accountActions)
        .set({ state: outcome, finishedAt: now, errorKind: error?.kind ?? null, cybozuErrorId: error?.cybozuErrorId ?? null })
        .where(and(eq(accountActions.id, action.id), eq(accountActions.state, 'running')))
        .returning()
        .get();
      if (!done) return action;
      audit(tx, {
        type: `action.${action.kind}.${outcome}`,
        reportId: action.reportId,
        actorSlackId: action.requestedBy,
        data: { actionId: action.id, target: action.targetLoginName, approvedBy: action.approvedBy, identity: action.identity, errorKind: error?.kind, cybozuErrorId: error?.cybozuErrorId, status: error?.status },
        now,
      });
      const notices = this.ctx.notices;
      this.tellThread(tx, done, (r) => (outcome === 'succeeded' ? notices.succeeded(r, done) : outcome === 'failed' ? notices.failed(r, done) : notices.unknown(r, done)));
      if (outcome === 'succeeded') {
        if (password !== null && this.secrets) {
          const expiresAt = now + this.ctx.secretTtlMs;
          const report = tx.select().from(reports).where(eq(reports.id, done.reportId)).get()!;
          const secretId = this.secrets.create(tx, { actionId: done.id, recipientSlackId: report.reporterSlackId, plaintext: password, expiresAt });
          this.tellReporter(tx, done, (r) => notices.reporterPassword(r, done, secretId, expiresAt));
        } else {
          this.tellReporter(tx, done, (r) => notices.reporterDone(r, done));
        }
      }
      return done;
    });
  }

  private tellThread(tx: Writer, action: AccountAction, message: (report: Report) => OutgoingMessage): void {
    const report = tx.select().from(reports).where(eq(reports.id, action.reportId)).get();
    const root = tx.select({ id: outbox.id }).from(outbox).where(and(eq(outbox.reportId, action.reportId), eq(outbox.role, 'root'))).get();
    if (!report || !root) return;
    enqueueThreadReply(tx, { parentId: root.id, channel: this.ctx.supportChannelId, message: message(report), reportId: report.id, now: this.ctx.now() });
  }

  private tellReporter(tx: Writer, action: AccountAction, message: (report: Report) => OutgoingMessage): void {
    const report = tx.select().from(reports).where(eq(reports.id, action.reportId)).get();
    if (report) enqueueDm(tx, { userId: report.reporterSlackId, message: message(report), reportId: report.id, now: this.ctx.now() });
  }
}
