import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequesterLookup } from '../identity/oidc.js';
import { CALLBACK_PAGE_HEADERS, callbackPage, confirmPage } from '../identity/pages.js';
import { translator, type Locale } from '../i18n/index.js';
import { enqueueDm } from '../outbox/outbox.js';
import type { SlackServices } from './services.js';
import { handleSelfServiceCallback } from './self-service-callback.js';
import { escapeMrkdwn, section } from './views/blocks.js';

const COMMAND = '/kintone-login verify';
/** The requester's Slack e-mail is asked for again unless Slack answered this recently. */
const PROFILE_MAX_AGE_MS = 60_000;
/** The confirmation form sends one short token; anything much larger is not ours. */
const MAX_CONFIRM_BODY_BYTES = 4096;

/**
 * `GET /oidc/callback`: completes the sign-in and, when it fits the Slack user who asked for the link, answers
 * with a page that names that Slack account and asks the person to confirm (nothing is linked by the redirect
 * alone). The request URL carries the authorization code: it is never logged.
 */
export async function handleOidcCallback(s: SlackServices, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { deps } = s;
  if (!s.sso || !deps.config.oidc) {
    res.writeHead(404).end();
    return;
  }
  try {
    const callbackUrl = new URL(req.url ?? '/', deps.config.oidc.redirectUrl);
    // A sign-in started by "Reset it myself now" (issue 15) completes a self-service fix, never a link.
    if (s.selfService?.attemptFor(callbackUrl.searchParams.get('state')))
      return await handleSelfServiceCallback(s, callbackUrl, res, requesterLookup(s));
    const outcome = await s.sso.completeVerification(callbackUrl, requesterLookup(s));
    const locale = outcome.slackUserId ? await s.profiles.locale(outcome.slackUserId) : browserLocale(s, req);
    const page = callbackPage(outcome, locale, { command: COMMAND });
    res.writeHead(page.status, { ...CALLBACK_PAGE_HEADERS });
    res.end(page.html);
    if (outcome.slackUserId === undefined) return noteAnonymous(s, 'callback');
    deps.logger.info(
      {
        slackUserId: outcome.slackUserId,
        ok: outcome.ok,
        ...(outcome.ok ? { stepUp: outcome.stepUp } : { reason: outcome.reason, detail: outcome.detail }),
      },
      outcome.ok ? 'single sign-on callback: waiting for the confirmation' : 'single sign-on callback refused',
    );
  } catch (error) {
    failed(s, res, error, 'single sign-on callback failed');
  }
}

/**
 * `POST /oidc/confirm` (GET answers 405): the confirmation page's form. Links the identity once for a valid, unexpired, unused
 * token whose sign-in still fits the requester's Slack e-mail, then DMs them. A form sent from another site
 * (Sec-Fetch-Site, Origin) is refused before the token is even looked at.
 */
export async function handleOidcConfirm(s: SlackServices, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { deps } = s;
  if (!s.sso || !deps.config.oidc) {
    res.writeHead(404).end();
    return;
  }
  if (req.method !== 'POST') {
    // Only the form's POST links; answered here, as a path without a handler would not be answered at all.
    res.writeHead(405, { allow: 'POST', 'content-type': 'text/plain; charset=utf-8' }).end('Method not allowed.');
    return;
  }
  try {
    if (!fromOurPage(req, new URL(deps.config.oidc.redirectUrl).origin)) {
      req.resume();
      const page = confirmPage('refused', browserLocale(s, req), { command: COMMAND });
      res.writeHead(page.status, { ...CALLBACK_PAGE_HEADERS, connection: 'close' }).end(page.html);
      return noteAnonymous(s, 'cross_site_confirmation');
    }
    const form = await readForm(req);
    if (form === 'too_large') {
      res
        .writeHead(413, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' })
        .end('Request too large.');
      return noteAnonymous(s, 'confirmation');
    }
    const outcome = await s.sso.confirmLink(form?.get('token') ?? null, requesterLookup(s));
    const locale = outcome.slackUserId ? await s.profiles.locale(outcome.slackUserId) : browserLocale(s, req);
    const page = confirmPage(outcome, locale, { command: COMMAND });
    res.writeHead(page.status, { ...CALLBACK_PAGE_HEADERS });
    res.end(page.html);
    if (outcome.slackUserId === undefined) return noteAnonymous(s, 'confirmation');
    deps.logger.info(
      {
        slackUserId: outcome.slackUserId,
        ok: outcome.ok,
        ...(outcome.ok ? { stepUp: outcome.stepUp } : { reason: outcome.reason }),
      },
      outcome.ok ? 'single sign-on identity linked' : 'single sign-on confirmation refused',
    );
    if (outcome.ok) {
      const text = translator(locale)('verify.done_dm', {
        email: escapeMrkdwn(outcome.identity.email ?? outcome.identity.subject),
      });
      enqueueDm(deps.db, {
        userId: outcome.slackUserId,
        message: { text, blocks: [section(text)] },
        now: deps.clock.now(),
      });
      s.outbox.kick();
    }
  } catch (error) {
    failed(s, res, error, 'single sign-on confirmation failed');
  }
}

/** The requester's e-mail and name straight from Slack (users.info), or null when Slack cannot be asked. */
function requesterLookup(s: SlackServices): RequesterLookup {
  return async (slackUserId) => {
    const profile = await s.profiles.fresh(slackUserId, PROFILE_MAX_AGE_MS);
    return profile && { email: profile.email, name: profile.name };
  };
}

/** A browser posting our form says it came from this origin; anything that says otherwise is not our page. */
function fromOurPage(req: IncomingMessage, origin: string): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return false;
  // Our pages send no referrer, so browsers say `Origin: null`; a real origin must be ours.
  const from = req.headers.origin;
  return from === undefined || from === 'null' || from === origin;
}

/** The form body (urlencoded, small); null when it is not a form; 'too_large' past the limit. */
function readForm(req: IncomingMessage): Promise<URLSearchParams | null | 'too_large'> {
  const type = String(req.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_CONFIRM_BODY_BYTES) {
        req.removeAllListeners('data');
        req.resume();
        resolve('too_large');
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () =>
      resolve(
        type === 'application/x-www-form-urlencoded'
          ? new URLSearchParams(Buffer.concat(chunks).toString('utf8'))
          : null,
      ),
    );
    req.on('error', reject);
  });
}

function browserLocale(s: SlackServices, req: IncomingMessage): Locale {
  return /^ja\b/i.test(String(req.headers['accept-language'] ?? '')) ? 'ja' : s.deps.config.defaultLocale;
}

/** A request that named no request or confirmation of ours: counted, and a warning now and then. */
function noteAnonymous(s: SlackServices, what: 'callback' | 'confirmation' | 'cross_site_confirmation'): void {
  const { total, warn } = s.sso!.rejections.note(s.deps.clock.now());
  s.deps.logger.debug({ what, total }, 'single sign-on request naming nothing of ours ignored');
  if (warn !== null)
    s.deps.logger.warn(
      { what, count: warn, total },
      'single sign-on requests naming nothing of ours were ignored (not audited)',
    );
}

function failed(s: SlackServices, res: ServerResponse, error: unknown, message: string): void {
  s.deps.logger.error({ err: (error as Error).message }, message);
  if (!res.headersSent)
    res
      .writeHead(500, { 'content-type': 'text/plain; charset=utf-8' })
      .end('Something went wrong. Please try again from Slack.');
}
