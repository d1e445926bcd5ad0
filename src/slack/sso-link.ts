import { REQUEST_TTL_MS, SingleSignOnUnavailable } from '../identity/oidc.js';
import type { Translate } from '../i18n/index.js';
import type { SlackServices } from './services.js';
import { plain, section } from './views/blocks.js';

/**
 * A one-time sign-in link for this Slack user, as blocks (the URL sits behind a button, shown only to them).
 * With OIDC_ADMIN_GROUP, an admin's link is always a step-up (a fresh sign-in, auth_time checked): only such a
 * sign-in lets them act on accounts, whichever button or command asked for the link.
 */
export async function ssoLinkBlocks(
  s: Pick<SlackServices, 'deps' | 'sso' | 'roster'>,
  slackUserId: string,
  t: Translate,
): Promise<{ text: string; blocks: unknown[] }> {
  if (!s.sso) return { text: t('verify.not_configured'), blocks: [section(t('verify.not_configured'))] };
  try {
    const stepUp = Boolean(s.deps.config.oidc?.adminGroup) && s.roster.isAdmin(slackUserId);
    const { url } = await s.sso.startVerification(slackUserId, { stepUp });
    const text = t('verify.link', { minutes: REQUEST_TTL_MS / 60_000 });
    return {
      text,
      blocks: [
        section(text),
        {
          type: 'actions',
          elements: [
            { type: 'button', style: 'primary', action_id: 'sso_open_link', text: plain(t('verify.button')), url },
          ],
        },
      ],
    };
  } catch (error) {
    if (!(error instanceof SingleSignOnUnavailable)) throw error;
    s.deps.logger.warn({ slackUserId, code: error.code }, 'single sign-on unavailable');
    return { text: t('verify.unavailable'), blocks: [section(t('verify.unavailable'))] };
  }
}
