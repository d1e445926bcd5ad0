import { loginNameProblem } from '../../directory/login-name.js';
import { translator } from '../../i18n/index.js';
import { current } from '../../troubleshoot/engine.js';
import { reportRemedy } from '../../troubleshoot/schema.js';
import { loginTree } from '../../troubleshoot/tree.js';
import { ActionIds, ReportForm } from '../ids.js';
import type { SlackDispatcher } from '../dispatcher.js';
import type { SlackServices } from '../services.js';
import { ineligibleLine, type SelfServiceOffer } from '../views/self-service.js';
import { decodeMetadata } from '../views/troubleshoot-modal.js';
import { troubleshootView } from '../troubleshooter/walk.js';

/** The reporter's Slack e-mail is asked for again unless Slack answered this recently. */
const PROFILE_MAX_AGE_MS = 60_000;

/**
 * "Reset it myself now" on the troubleshooter's report step (issue 15): the server checks everything it can before
 * the sign-in and answers in the same modal with a one-time sign-in link, or with one line saying why not (the
 * report form stays, so "Send to an admin" works as always).
 */
export function registerSelfService(router: SlackDispatcher, s: SlackServices): void {
  router.action(ActionIds.selfServiceStart, async ({ ack, body, client }) => {
    await ack();
    const userId = body.user.id;
    const modal = body.view;
    if (!modal || !s.selfService) return;
    const locale = await s.profiles.locale(userId);
    const t = translator(locale);
    let meta;
    try {
      meta = decodeMetadata(loginTree, modal.private_metadata);
    } catch {
      return;
    }
    const node = current(loginTree, meta.state);
    if (node.kind !== 'leaf' || !(node.outcome === 'needs_admin' || meta.reporting)) return;
    const values = (modal.state?.values ?? {}) as Record<string, Record<string, { value?: unknown }>>;
    const typed = text(values[ReportForm.loginName.block]?.[ReportForm.loginName.action]?.value).trim();
    const loginName = typed && loginNameProblem(typed) === null ? typed : typed ? '' : (meta.loginName ?? '');
    const details = text(values[ReportForm.details.block]?.[ReportForm.details.action]?.value).trim().slice(0, 2000);
    const profile = (await s.profiles.fresh(userId, PROFILE_MAX_AGE_MS)) ?? (await s.profiles.get(userId));
    const remedy = reportRemedy(node);
    const outcome = await s.selfService.start({
      slackUserId: userId,
      slackEmail: profile.email,
      loginName,
      remedy,
      walkId: meta.walkId,
      viewId: modal.id,
      leafId: node.id,
      path: meta.state.path,
      details,
      locale,
    });
    s.deps.logger.info({ slackUserId: userId, walkId: meta.walkId, remedy, ok: outcome.ok, ...(outcome.ok ? { attemptId: outcome.attempt.id } : { reason: outcome.reason }) }, 'self-service requested');
    const offer: SelfServiceOffer = outcome.ok
      ? { kind: 'sign_in', remedy: outcome.attempt.remedy, url: outcome.url, minutes: Math.max(1, Math.round((outcome.expiresAt - s.deps.clock.now()) / 60_000)) }
      : { kind: 'refused', line: ineligibleLine(outcome.reason, t) };
    // The login name the reporter typed stays in the form.
    const next = troubleshootView(s, { ...meta, ...(typed ? { loginName: typed } : {}) }, locale, userId, offer);
    await client.views.update({ view_id: modal.id, hash: modal.hash, view: next as never }).catch((error: Error) => {
      s.deps.logger.warn({ slackUserId: userId, err: error.message }, 'views.update failed for self-service');
    });
  });
  // The sign-in button opens the browser; Slack still reports the click.
  router.action(ActionIds.selfServiceSignIn, async ({ ack }) => ack());
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
