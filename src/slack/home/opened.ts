import type { HomeOpenedArgs } from '../dispatcher.js';
import type { SlackServices } from '../services.js';
import { publishHome } from './publish.js';

/** The App Home tab opened (an event: no request context, nobody to answer). */
export function homeOpened(s: SlackServices) {
  return async ({ event, client }: HomeOpenedArgs): Promise<void> => {
    // Events are acknowledged before this runs: a stale profile is re-read first, so the tab (and what the app
    // says next) follows the user's current Slack language.
    await s.profiles.refreshIfStale(event.user);
    if (event.tab !== 'home') return;
    await publishHome(s, client, event.user);
  };
}
