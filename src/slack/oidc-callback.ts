import type { IncomingMessage, ServerResponse } from 'node:http';
import { CALLBACK_PAGE_HEADERS, callbackPage } from '../identity/pages.js';
import { translator, type Locale } from '../i18n/index.js';
import { enqueueDm } from '../outbox/outbox.js';
import type { SlackServices } from './services.js';
import { escapeMrkdwn, section } from './views/blocks.js';

/**
 * `GET /oidc/callback`: completes the sign-in, answers the browser with a small page in the user's language,
 * and DMs them. The request URL carries the authorization code: it is never logged.
 */
export async function handleOidcCallback(s: SlackServices, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { deps } = s;
  if (!s.sso || !deps.config.oidc) {
    res.writeHead(404).end();
    return;
  }
  try {
    const outcome = await s.sso.completeVerification(new URL(req.url ?? '/', deps.config.oidc.redirectUrl));
    const locale: Locale = outcome.slackUserId
      ? await s.profiles.locale(outcome.slackUserId)
      : /^ja\b/i.test(String(req.headers['accept-language'] ?? '')) ? 'ja' : deps.config.defaultLocale;
    const page = callbackPage(outcome, locale, { command: '/kintone-login verify' });
    res.writeHead(page.status, { ...CALLBACK_PAGE_HEADERS });
    res.end(page.html);
    deps.logger.info({ slackUserId: outcome.slackUserId, ok: outcome.ok, reason: outcome.ok ? undefined : outcome.reason }, 'single sign-on callback');
    if (outcome.ok) {
      const text = translator(locale)('verify.done_dm', { email: escapeMrkdwn(outcome.identity.email ?? outcome.identity.subject) });
      enqueueDm(deps.db, { userId: outcome.slackUserId, message: { text, blocks: [section(text)] }, now: deps.clock.now() });
      s.outbox.kick();
    }
  } catch (error) {
    deps.logger.error({ err: (error as Error).message }, 'single sign-on callback failed');
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('Something went wrong. Please try again from Slack.');
  }
}
