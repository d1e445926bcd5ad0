import { translator } from '../../i18n/index.js';
import { ActionIds } from '../ids.js';
import type { SlackRouter } from '../router.js';
import type { SlackServices } from '../services.js';
import { homeView } from '../views/home.js';
import { openTroubleshooter } from './troubleshoot.js';

export function registerHome(router: SlackRouter, s: SlackServices): void {
  router.appHomeOpened(async ({ event, client }) => {
    if (event.tab !== 'home') return;
    const t = translator(await s.profiles.locale(event.user));
    try {
      await client.views.publish({ user_id: event.user, view: homeView(t) as never });
    } catch (error) {
      s.deps.logger.warn({ slackUserId: event.user, err: (error as Error).message }, 'views.publish failed for App Home');
    }
  });

  router.action(ActionIds.homeStartReport, async ({ ack, body, client }) => {
    await ack();
    await openTroubleshooter(s, client, body.user.id, body.trigger_id);
  });
}
