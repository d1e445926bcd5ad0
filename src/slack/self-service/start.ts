import type { StartOutcome } from '../../account-actions/self-service.js';
import { loginNameProblem } from '../../directory/login-name.js';
import type { Translate } from '../../i18n/index.js';
import { current } from '../../troubleshoot/engine.js';
import { reportRemedy } from '../../troubleshoot/schema.js';
import { loginTree } from '../../troubleshoot/tree.js';
import type { ActionArgs } from '../dispatcher.js';
import { ReportForm } from '../ids.js';
import { troubleshootView } from '../troubleshooter/walk.js';
import type { RequestContext } from '../request-context.js';
import type { SlackServices } from '../services.js';
import { ineligibleLine, type SelfServiceOffer } from '../views/self-service.js';
import { decodeMetadata, type WalkMetadata } from '../views/troubleshoot-modal.js';

/** The reporter's Slack e-mail is asked for again unless Slack answered this recently. */
const PROFILE_MAX_AGE_MS = 60_000;

type Modal = NonNullable<ActionArgs['body']['view']>;

/**
 * "Reset it myself now" on the troubleshooter's report step (issue 15): the server checks everything it can before
 * the sign-in and answers in the same modal with a one-time sign-in link, or with one line saying why not (the
 * report form stays, so "Send to an admin" works as always).
 */
export function selfServiceStart(s: SlackServices) {
  return async (args: ActionArgs, ctx: RequestContext): Promise<void> => {
    const { userId } = ctx;
    const modal = args.body.view;
    if (!modal || !s.selfService) return;
    const meta = walkOf(modal);
    const node = meta && current(loginTree, meta.state);
    if (!meta || !node || node.kind !== 'leaf' || !(node.outcome === 'needs_admin' || meta.reporting)) return;
    const form = formOf(modal, meta);
    const profile = (await s.profiles.fresh(userId, PROFILE_MAX_AGE_MS)) ?? (await s.profiles.get(userId));
    const remedy = reportRemedy(node);
    const outcome = await s.selfService.start({
      slackUserId: userId,
      slackEmail: profile.email,
      loginName: form.loginName,
      remedy,
      walkId: meta.walkId,
      viewId: modal.id,
      leafId: node.id,
      path: meta.state.path,
      details: form.details,
      locale: ctx.locale,
    });
    const logged = outcome.ok ? { attemptId: outcome.attempt.id } : { reason: outcome.reason };
    s.deps.logger.info(
      { slackUserId: userId, walkId: meta.walkId, remedy, ok: outcome.ok, ...logged },
      'self-service requested',
    );
    // The login name the reporter typed stays in the form.
    const next = troubleshootView(
      s,
      { ...meta, ...(form.typed ? { loginName: form.typed } : {}) },
      ctx.locale,
      userId,
      offerOf(outcome, s.deps.clock.now(), ctx.t),
    );
    await ctx.updateView(modal.id, next, 'self-service', modal.hash);
  };
}

/** The walk the modal carries; null when its metadata is not ours. */
function walkOf(modal: Modal): WalkMetadata | null {
  try {
    return decodeMetadata(loginTree, modal.private_metadata);
  } catch {
    return null;
  }
}

/** The report form as typed: a valid login name, else the walk's (a typed but invalid one sends none), and the details. */
function formOf(modal: Modal, meta: WalkMetadata): { typed: string; loginName: string; details: string } {
  const values = (modal.state?.values ?? {}) as Record<string, Record<string, { value?: unknown }>>;
  const typed = text(values[ReportForm.loginName.block]?.[ReportForm.loginName.action]?.value).trim();
  const loginName = typed && loginNameProblem(typed) === null ? typed : typed ? '' : (meta.loginName ?? '');
  const details = text(values[ReportForm.details.block]?.[ReportForm.details.action]?.value).trim().slice(0, 2000);
  return { typed, loginName, details };
}

/** What the modal offers next: the sign-in link and how long it lasts, or why not. */
function offerOf(outcome: StartOutcome, now: number, t: Translate): SelfServiceOffer {
  if (!outcome.ok) return { kind: 'refused', line: ineligibleLine(outcome.reason, t) };
  return {
    kind: 'sign_in',
    remedy: outcome.attempt.remedy,
    url: outcome.url,
    minutes: Math.max(1, Math.round((outcome.expiresAt - now) / 60_000)),
  };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
