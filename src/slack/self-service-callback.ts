import type { ServerResponse } from 'node:http';
import type { RequesterLookup } from '../identity/oidc.js';
import { CALLBACK_PAGE_HEADERS, messagePage } from '../identity/pages.js';
import { translator } from '../i18n/index.js';
import type { SlackServices } from './services.js';
import { ineligibleLine } from './views/self-service.js';
import { troubleshootDoneModal } from './views/troubleshoot-modal.js';
import { escapeMrkdwn } from './views/blocks.js';

/**
 * `GET /oidc/callback` for a sign-in started by "Reset it myself now" (issue 15). The fix runs here, once, after
 * every check; the page says what happened in one line and sends the reporter back to Slack, where the modal says
 * it too. The password is only ever in the reporter's one-time reveal; the request URL carries the authorization
 * code and is never logged.
 */
export async function handleSelfServiceCallback(
  s: SlackServices,
  callbackUrl: URL,
  res: ServerResponse,
  requester: RequesterLookup,
): Promise<void> {
  const { deps } = s;
  const outcome = await s.selfService!.complete(callbackUrl, requester);
  s.outbox.kick();
  if (outcome.kind === 'unknown') {
    res.writeHead(400, { ...CALLBACK_PAGE_HEADERS }).end();
    return;
  }
  const { attempt } = outcome;
  const t = translator(attempt.locale);
  const page =
    outcome.kind === 'fixed'
      ? messagePage(attempt.locale, 200, t('self_service.page.done_title'), [t('self_service.page.done_body')], 'ok')
      : outcome.kind === 'handed_over'
        ? messagePage(
            attempt.locale,
            200,
            t('self_service.page.handed_over_title'),
            [t('self_service.page.handed_over_body')],
            'error',
          )
        : messagePage(
            attempt.locale,
            outcome.reason === 'slack_unavailable' ? 503 : 400,
            t('self_service.page.refused_title'),
            [capitalised(ineligibleLine(outcome.reason, t)), t('self_service.page.refused_body')],
            'error',
          );
  res.writeHead(page.status, { ...CALLBACK_PAGE_HEADERS });
  res.end(page.html);
  deps.logger.info(
    {
      slackUserId: attempt.slackUserId,
      attemptId: attempt.id,
      outcome: outcome.kind,
      ...(outcome.kind === 'refused'
        ? { reason: outcome.reason }
        : { reportId: outcome.report.id, actionId: outcome.action.id }),
    },
    'self-service sign-in came back',
  );
  // The modal the reporter left open says it too (it may have been closed meanwhile: then nothing to update).
  if (outcome.kind === 'fixed' && attempt.viewId) {
    const text = t('tree.self_service.done', {
      loginName: escapeMrkdwn(outcome.report.loginName),
      id: outcome.report.id,
    });
    await s.client.views
      .update({ view_id: attempt.viewId, view: troubleshootDoneModal(text, attempt.locale) as never })
      .catch((error: Error) => {
        deps.logger.info(
          { slackUserId: attempt.slackUserId, err: error.message },
          'self-service: the troubleshooter modal could not be updated',
        );
      });
  }
}

/** English reason lines start in lower case (they follow a colon in Slack); a page line starts a sentence. */
function capitalised(line: string): string {
  return line.charAt(0).toUpperCase() + line.slice(1);
}
