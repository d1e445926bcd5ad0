/**
 * Self-service fixes (issue 15): the one sanctioned case of an account action by the account's own owner. A
 * reporter at a password-reset or unlock leaf signs in afresh through single sign-on and gets a temporary password
 * at once; the report is still created, resolved as fixed by self-service, with its thread in the support channel.
 * Every condition is checked on the server at the click and again when the sign-in comes back; anything that does
 * not hold falls back to the normal report and writes nothing.
 */
import { tellThread } from '../reports/thread.js';
import { and, count, eq, gt, gte, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  accountActions,
  reports,
  selfServiceAttempts,
  walks,
  type AccountAction,
  type Report,
  type SelfServiceAttempt,
} from '../../db/schema.js';
import { DirectoryError } from '../directory/errors.js';
import { BUILT_IN_ADMINISTRATOR_LOGIN, type Directory, type DirectoryUser } from '../directory/port.js';
import {
  normalizedEmail,
  SingleSignOnUnavailable,
  type RequesterLookup,
  type SingleSignOn,
  type VerifyFailureReason,
} from '../identity/oidc.js';
import type { Locale } from '../i18n/index.js';
import { enqueueDm, enqueuePost, enqueueThreadReply, type OutgoingMessage } from '../outbox/outbox.js';
import type { Writer } from '../../db/client.js';
import { audit } from '../reports/audit.js';
import { announceRouting, routeNewReport } from '../reports/assignment.js';
import { transition } from '../reports/lifecycle.js';
import type { LifecycleContext } from '../reports/lifecycle-context.js';
import { next, positionOf, START } from '../reports/state-machine.js';
import { limitsRefusal, type ReportLimits } from '../reports/submit-report.js';
import { selfServiceEnabledFor, type EnvironmentSettings } from '../settings/environment-settings.js';
import { encodeState, type Step } from '../troubleshoot/engine.js';
import type { AccountActions } from './account-actions.js';

export type SelfServiceRemedy = 'reset_password' | 'unlock';
export const SELF_SERVICE_REMEDIES: readonly SelfServiceRemedy[] = ['reset_password', 'unlock'];

/** Why a reporter cannot fix it themselves (each has one line for the reporter in both languages). */
export const INELIGIBLE_REASONS = [
  'setting_off',
  'not_configured',
  'sso_unavailable',
  'no_slack_email',
  'login_name_needed',
  'account_not_found',
  'email_mismatch',
  'suspended',
  'administrator',
  'cooldown',
  'rate_limited',
  'too_many_open',
  'walk_finished',
  'directory_unavailable',
  'sign_in_mismatch',
  'stale_sign_in',
  'sign_in_failed',
  'expired',
  'reused',
  'slack_unavailable',
] as const;
export type Ineligible = (typeof INELIGIBLE_REASONS)[number];

/** The identity proof of the sign-in, recorded in the audit trail and shown in the thread. */
export interface SignInProof {
  issuer: string;
  subject: string;
  email: string;
  /** When the person authenticated at the provider (ms). */
  authTime: number;
}

/** What the thread and the reporter are told; provided by the Slack layer (no Block Kit here). */
export interface SelfServiceNotices {
  /** Thread: who fixes which account, when, with which proof and after which checks (never the password). */
  started(report: Report, p: { proof: SignInProof; cooldownHours: number }): OutgoingMessage;
  /** Thread and reporter: the write did not go through; the report now waits for an admin like any other. */
  handedOverThread(report: Report): OutgoingMessage;
  handedOverDm(report: Report): OutgoingMessage;
  /** Reporter: the sign-in came back but self-service did not go ahead (one line why); nothing was changed. */
  refusedDm(attempt: SelfServiceAttempt, reason: Ineligible): OutgoingMessage;
}

export interface SelfServiceContext {
  now: () => number;
  settings: () => EnvironmentSettings;
  limits: ReportLimits;
  lifecycle: () => LifecycleContext;
  notices: SelfServiceNotices;
}

export type StartOutcome =
  | { ok: true; url: string; expiresAt: number; attempt: SelfServiceAttempt }
  | { ok: false; reason: Ineligible };

export type CompleteOutcome =
  | { kind: 'fixed'; attempt: SelfServiceAttempt; report: Report; action: AccountAction }
  /** The write failed or its outcome is unknown: the report was handed to the admins. */
  | { kind: 'handed_over'; attempt: SelfServiceAttempt; report: Report; action: AccountAction }
  | { kind: 'refused'; attempt: SelfServiceAttempt; reason: Ineligible }
  /** The callback named no self-service attempt (the caller answers it like any stray callback). */
  | { kind: 'unknown' };

const HOUR_MS = 60 * 60_000;

/** The SSO failures a reporter can meet on the way back, as self-service reasons. */
const SIGN_IN_REASONS: Record<VerifyFailureReason, Ineligible> = {
  unknown_state: 'sign_in_failed',
  expired: 'expired',
  reused: 'reused',
  provider_error: 'sign_in_failed',
  invalid_response: 'sign_in_failed',
  email_unverified: 'sign_in_mismatch',
  email_mismatch: 'sign_in_mismatch',
  no_slack_email: 'no_slack_email',
  slack_unavailable: 'slack_unavailable',
  stale_sign_in: 'stale_sign_in',
};

export class SelfService {
  constructor(
    private readonly db: Db,
    private readonly directory: Directory | null,
    private readonly actions: AccountActions | null,
    private readonly sso: SingleSignOn | null,
    /** SECRET_ENCRYPTION_KEY is set (the temporary password can be sealed for its one reveal). */
    private readonly secretsConfigured: boolean,
    private readonly ctx: SelfServiceContext,
  ) {}

  /** Whether to offer the button at all: switched on for this remedy and everything it needs configured. No I/O. */
  offered(remedy: string): remedy is SelfServiceRemedy {
    return this.unavailable(remedy) === null;
  }

  /**
   * "Reset it myself now": every condition that can be checked before the sign-in, then a one-time sign-in link
   * that forces a fresh authentication (`prompt=login`, `max_age` = the sign-in freshness setting).
   */
  async start(p: {
    slackUserId: string;
    slackEmail: string | null;
    loginName: string;
    remedy: string;
    walkId: number;
    viewId: string | null;
    leafId: string;
    path: readonly Step[];
    details: string;
    locale: Locale;
  }): Promise<StartOutcome> {
    const off = this.unavailable(p.remedy);
    if (off) return { ok: false, reason: off };
    const remedy = p.remedy as SelfServiceRemedy;
    const now = this.ctx.now();
    const walk = this.db.select().from(walks).where(eq(walks.id, p.walkId)).get();
    if (!walk || walk.slackUserId !== p.slackUserId || walk.outcome !== 'in_progress')
      return { ok: false, reason: 'walk_finished' };
    const limited = this.limitProblem(this.db, p.slackUserId, now, true);
    if (limited) return { ok: false, reason: limited };
    if (!p.loginName) return { ok: false, reason: 'login_name_needed' };
    const account = await this.checkAccount(p.loginName, p.slackEmail);
    if ('reason' in account) return { ok: false, reason: account.reason };
    if (this.inCooldown(this.db, account.user.loginName, now)) return { ok: false, reason: 'cooldown' };
    const settings = this.ctx.settings().selfService;
    let link: Awaited<ReturnType<SingleSignOn['startVerification']>>;
    try {
      link = await this.sso!.startVerification(p.slackUserId, {
        freshSignInMaxAgeS: settings.signInFreshnessMinutes * 60,
      });
    } catch (error) {
      if (error instanceof SingleSignOnUnavailable) return { ok: false, reason: 'sso_unavailable' };
      throw error;
    }
    const attempt = this.db
      .insert(selfServiceAttempts)
      .values({
        state: link.state,
        slackUserId: p.slackUserId,
        walkId: p.walkId,
        viewId: p.viewId,
        loginName: account.user.loginName,
        remedy,
        leafId: p.leafId,
        path: JSON.stringify(p.path),
        details: p.details,
        locale: p.locale,
        createdAt: now,
        expiresAt: link.expiresAt,
      })
      .returning()
      .get();
    return { ok: true, url: link.url, expiresAt: link.expiresAt, attempt };
  }

  /** The attempt a callback's `state` belongs to, if it is a self-service sign-in. */
  attemptFor(state: string | null): SelfServiceAttempt | undefined {
    if (!state || state.length > 256) return undefined;
    return this.db.select().from(selfServiceAttempts).where(eq(selfServiceAttempts.state, state)).get();
  }

  /**
   * `GET /oidc/callback` of a self-service sign-in: the sign-in is checked (one-time state, the provider's verified
   * e-mail equal to the requester's Slack e-mail, `auth_time` within the freshness setting), every condition of
   * the click is checked again, then the report, the action and the thread are written in one transaction and the
   * password is set. Refusals write nothing but the attempt's outcome.
   */
  async complete(callbackUrl: URL, requester: RequesterLookup): Promise<CompleteOutcome> {
    const attempt = this.attemptFor(callbackUrl.searchParams.get('state'));
    if (!attempt) return { kind: 'unknown' };
    const off = this.unavailable(attempt.remedy);
    if (off) {
      // Switched off (kill switch) between the click and the return: the sign-in is not even completed.
      return this.refuse(attempt, off);
    }
    const freshness = this.ctx.settings().selfService.signInFreshnessMinutes * 60;
    const signedIn = await this.sso!.completeFreshSignIn(callbackUrl, requester, freshness);
    if (!signedIn.ok) return this.refuse(attempt, SIGN_IN_REASONS[signedIn.reason]);
    if (signedIn.slackUserId !== attempt.slackUserId) return this.refuse(attempt, 'sign_in_mismatch');
    const profile = await requester(attempt.slackUserId);
    if (!profile) return this.refuse(attempt, 'slack_unavailable');
    const account = await this.checkAccount(attempt.loginName, profile.email, signedIn.identity.email);
    if ('reason' in account) return this.refuse(attempt, account.reason);
    const proof: SignInProof = {
      issuer: signedIn.issuer,
      subject: signedIn.identity.subject,
      email: signedIn.identity.email ?? '',
      authTime: signedIn.authTime,
    };

    const begun = this.begin(attempt, account.user, proof);
    if ('reason' in begun) return this.refuse(attempt, begun.reason);
    const done = await this.actions!.execute(begun.action);
    if (done.state === 'succeeded') {
      const resolved = transition(
        this.db,
        { reportId: begun.report.id, event: 'resolve', actor: attempt.slackUserId },
        this.ctx.lifecycle(),
      );
      const finished = this.finish(attempt.id, 'fixed', null);
      return { kind: 'fixed', attempt: finished, report: resolved.ok ? resolved.report : begun.report, action: done };
    }
    const report = this.handOver(begun.report.id) ?? begun.report;
    const finished = this.finish(attempt.id, 'failed', done.errorKind ?? done.state);
    return { kind: 'handed_over', attempt: finished, report, action: done };
  }

  /**
   * At start: a self-service action interrupted by a restart (its outcome is now unknown) leaves its report to
   * nobody. Those reports go to the admins like any other.
   */
  recoverInterrupted(): Report[] {
    const stuck = this.db
      .select()
      .from(selfServiceAttempts)
      .where(and(eq(selfServiceAttempts.outcome, 'pending'), isNotNull(selfServiceAttempts.reportId)))
      .all();
    const handed: Report[] = [];
    for (const attempt of stuck) {
      const report = this.handOver(attempt.reportId!);
      this.finish(attempt.id, 'failed', 'interrupted');
      if (report) handed.push(report);
    }
    return handed;
  }

  /** Why self-service is not available for this remedy right now, regardless of who asks. */
  private unavailable(remedy: string): Ineligible | null {
    if (!(SELF_SERVICE_REMEDIES as readonly string[]).includes(remedy)) return 'setting_off';
    if (!selfServiceEnabledFor(this.ctx.settings(), remedy)) return 'setting_off';
    if (!this.sso || !this.directory || !this.actions || !this.secretsConfigured) return 'not_configured';
    return null;
  }

  /**
   * The account as the directory has it now: it exists, its e-mail is the Slack e-mail (and the sign-in e-mail,
   * once there is one), it is active, and it is not a cybozu.com administrator.
   */
  private async checkAccount(
    loginName: string,
    slackEmail: string | null,
    signInEmail?: string | null,
  ): Promise<{ user: DirectoryUser } | { reason: Ineligible }> {
    const slack = normalizedEmail(slackEmail);
    if (!slack) return { reason: 'no_slack_email' };
    try {
      const user = await this.directory!.findByLoginName(loginName);
      if (!user) return { reason: 'account_not_found' };
      if (normalizedEmail(user.email) !== slack) return { reason: 'email_mismatch' };
      if (signInEmail !== undefined && normalizedEmail(signInEmail) !== slack) return { reason: 'sign_in_mismatch' };
      if (!user.active) return { reason: 'suspended' };
      if (user.loginName === BUILT_IN_ADMINISTRATOR_LOGIN || (await this.directory!.isAdministrator(user.loginName)))
        return { reason: 'administrator' };
      return { user };
    } catch (error) {
      if (error instanceof DirectoryError) return { reason: 'directory_unavailable' };
      throw error;
    }
  }

  /** The reporter's limits: their self-service clicks and their reports (MAX_OPEN_REPORTS, REPORTS_PER_HOUR). */
  private limitProblem(w: Writer, slackUserId: string, now: number, countClicks: boolean): Ineligible | null {
    if (countClicks) {
      const clicks =
        w
          .select({ n: count() })
          .from(selfServiceAttempts)
          .where(
            and(eq(selfServiceAttempts.slackUserId, slackUserId), gt(selfServiceAttempts.createdAt, now - HOUR_MS)),
          )
          .get()?.n ?? 0;
      if (clicks >= this.ctx.limits.perHour) return 'rate_limited';
    }
    const refusal = limitsRefusal(w, slackUserId, this.ctx.limits, now);
    if (refusal) return refusal.reason === 'too_many_open' ? 'too_many_open' : 'rate_limited';
    return null;
  }

  /** A self-service action on this account began within the cooldown. */
  private inCooldown(w: Writer, loginName: string, now: number): boolean {
    const hours = this.ctx.settings().selfService.cooldownHours;
    return (
      w
        .select({ id: selfServiceAttempts.id })
        .from(selfServiceAttempts)
        .where(
          and(eq(selfServiceAttempts.loginName, loginName), gte(selfServiceAttempts.actedAt, now - hours * HOUR_MS)),
        )
        .get() !== undefined
    );
  }

  /**
   * Writes, in one transaction, everything before the User API call: the report (resolved later), the walk ended
   * as reported, the action (`running`), the audit rows with the identity proof, the root message and the thread's
   * first reply. Checked inside it: the attempt unused, the walk the reporter's and unreported, the limits and the
   * cooldown; so a double click, a reloaded callback or two sign-ins at once write once.
   */
  private begin(
    attempt: SelfServiceAttempt,
    user: DirectoryUser,
    proof: SignInProof,
  ): { report: Report; action: AccountAction } | { reason: Ineligible } {
    const ctx = this.ctx.lifecycle();
    const now = ctx.now;
    return this.db.transaction((tx) => {
      const current = tx.select().from(selfServiceAttempts).where(eq(selfServiceAttempts.id, attempt.id)).get();
      if (current?.outcome !== 'pending' || current.actionId !== null) return { reason: 'reused' as const };
      const walk = tx.select().from(walks).where(eq(walks.id, attempt.walkId)).get();
      if (!walk || walk.slackUserId !== attempt.slackUserId || !['in_progress', 'abandoned'].includes(walk.outcome))
        return { reason: 'walk_finished' as const };
      const limited = this.limitProblem(tx, attempt.slackUserId, now, false);
      if (limited) return { reason: limited };
      if (this.inCooldown(tx, user.loginName, now)) return { reason: 'cooldown' as const };

      // Acknowledged with nobody assigned: no routing, no escalation, no pick-up while the fix runs.
      const report = tx
        .insert(reports)
        .values({
          reporterSlackId: attempt.slackUserId,
          loginName: user.loginName,
          leafId: attempt.leafId,
          remedy: attempt.remedy,
          path: attempt.path,
          facts: walk.facts,
          walkId: walk.id,
          details: attempt.details,
          locale: attempt.locale,
          submissionKey: `walk:${walk.id}`,
          state: START.self_service.state,
          acknowledgedAt: now,
          createdAt: now,
          updatedAt: now,
        })
        .returning()
        .get();
      tx.update(walks)
        .set({
          outcome: 'reported',
          reportId: report.id,
          leafId: attempt.leafId,
          path: encodeState({ path: JSON.parse(attempt.path) as Step[] }),
          updatedAt: now,
        })
        .where(eq(walks.id, walk.id))
        .run();
      audit(tx, {
        type: 'report.created',
        reportId: report.id,
        actorSlackId: report.reporterSlackId,
        data: { leafId: report.leafId, remedy: report.remedy, loginName: report.loginName, selfService: true },
        now,
      });
      const action = tx
        .insert(accountActions)
        .values({
          reportId: report.id,
          kind: attempt.remedy,
          targetLoginName: user.loginName,
          requestedBy: attempt.slackUserId,
          identity: 'self_service',
          state: 'running',
          requestKey: `self_service:${attempt.id}`,
          createdAt: now,
        })
        .returning()
        .get();
      audit(tx, {
        type: 'self_service.verified',
        reportId: report.id,
        actorSlackId: attempt.slackUserId,
        data: {
          attemptId: attempt.id,
          actionId: action.id,
          kind: attempt.remedy,
          target: user.loginName,
          issuer: proof.issuer,
          subject: proof.subject,
          email: proof.email,
          authTime: proof.authTime,
        },
        now,
      });
      audit(tx, {
        type: 'action.requested',
        reportId: report.id,
        actorSlackId: attempt.slackUserId,
        data: {
          actionId: action.id,
          kind: attempt.remedy,
          target: user.loginName,
          identity: 'self_service',
          needsApproval: false,
        },
        now,
      });
      tx.update(selfServiceAttempts)
        .set({
          reportId: report.id,
          actionId: action.id,
          actedAt: now,
          issuer: proof.issuer,
          subject: proof.subject,
          authTime: proof.authTime,
        })
        .where(eq(selfServiceAttempts.id, attempt.id))
        .run();
      const rootId = enqueuePost(tx, {
        channel: ctx.supportChannelId,
        message: ctx.notices.rootMessage(report),
        reportId: report.id,
        role: 'root',
        now,
      });
      const message = this.ctx.notices.started(report, {
        proof,
        cooldownHours: this.ctx.settings().selfService.cooldownHours,
      });
      enqueueThreadReply(tx, { parentId: rootId, channel: ctx.supportChannelId, message, reportId: report.id, now });
      return { report, action };
    });
  }

  /** The fix did not go through: the report becomes an ordinary open one, routed to an admin on duty (or queued). */
  private handOver(reportId: number): Report | null {
    const ctx = this.ctx.lifecycle();
    return this.db.transaction((tx) => {
      const before = tx
        .select()
        .from(reports)
        .where(and(eq(reports.id, reportId), isNull(reports.assigneeSlackId)))
        .get();
      const target = before && next(positionOf(before), 'hand_over');
      if (!target) return null;
      const report = tx
        .update(reports)
        .set({ state: target.state, escalationLevel: target.level, acknowledgedAt: null, updatedAt: ctx.now })
        .where(and(eq(reports.id, reportId), eq(reports.state, before.state), isNull(reports.assigneeSlackId)))
        .returning()
        .get();
      if (!report) return null;
      audit(tx, { type: 'self_service.handed_over', reportId, actorSlackId: null, now: ctx.now });
      const routing = routeNewReport(tx, report, ctx);
      const root = tellThread(tx, {
        reportId,
        channel: ctx.supportChannelId,
        now: ctx.now,
        reply: this.ctx.notices.handedOverThread(routing.report),
        root: ctx.notices.rootMessage(routing.report),
      });
      if (root !== undefined) announceRouting(tx, routing, root, ctx);
      enqueueDm(tx, {
        userId: report.reporterSlackId,
        message: this.ctx.notices.handedOverDm(routing.report),
        reportId,
        now: ctx.now,
      });
      return routing.report;
    });
  }

  /** Records a refusal once (a later callback for a finished attempt changes nothing) and tells the reporter why. */
  private refuse(attempt: SelfServiceAttempt, reason: Ineligible): CompleteOutcome {
    const now = this.ctx.now();
    const refused = this.db.transaction((tx) => {
      const row = tx
        .update(selfServiceAttempts)
        .set({ outcome: 'refused', reason, finishedAt: now })
        .where(
          and(
            eq(selfServiceAttempts.id, attempt.id),
            eq(selfServiceAttempts.outcome, 'pending'),
            isNull(selfServiceAttempts.actedAt),
          ),
        )
        .returning()
        .get();
      if (!row) return null;
      audit(tx, {
        type: 'self_service.refused',
        actorSlackId: attempt.slackUserId,
        data: { attemptId: attempt.id, kind: attempt.remedy, target: attempt.loginName, reason },
        now,
      });
      enqueueDm(tx, { userId: attempt.slackUserId, message: this.ctx.notices.refusedDm(row, reason), now });
      return row;
    });
    return { kind: 'refused', attempt: refused ?? attempt, reason };
  }

  private finish(attemptId: number, outcome: 'fixed' | 'failed', reason: string | null): SelfServiceAttempt {
    return this.db
      .update(selfServiceAttempts)
      .set({ outcome, reason, finishedAt: this.ctx.now() })
      .where(eq(selfServiceAttempts.id, attemptId))
      .returning()
      .get()!;
  }
}
