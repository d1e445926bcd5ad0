import { translator } from '../../i18n/index.js';
import { ActionIds } from '../ids.js';
import type { SlackDispatcher } from '../dispatcher.js';
import type { SlackServices } from '../services.js';
import { ssoLinkBlocks } from '../sso-link.js';
import { plain } from '../views/blocks.js';

/** "Verify with SSO" buttons: a one-time link for the person who pressed it, shown only to them. */
export function registerIdentity(router: SlackDispatcher, s: SlackServices): void {
  router.action(ActionIds.ssoVerify, async ({ ack, body, client, respond }) => {
    await ack();
    const userId = body.user.id;
    const t = translator(await s.profiles.locale(userId));
    const link = await ssoLinkBlocks(s, userId, t);
    if (body.view?.type === 'modal') {
      await client.views
        .push({ trigger_id: body.trigger_id, view: { type: 'modal', title: plain(t('verify.title')), close: plain(t('tree.close')), blocks: link.blocks as never } })
        .catch((error: Error) => s.deps.logger.warn({ slackUserId: userId, err: error.message }, 'views.push failed for the SSO link'));
      return;
    }
    await respond({ response_type: 'ephemeral', replace_original: false, text: link.text, blocks: link.blocks as never });
  });
  // The link button itself opens the browser; Slack still reports the click.
  router.action('sso_open_link', async ({ ack }) => ack());
}
