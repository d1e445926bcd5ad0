import type { ActionArgs } from '../dispatcher.js';
import type { RequestContext } from '../request-context.js';
import type { SlackServices } from '../services.js';
import { openTroubleshooter } from '../troubleshooter/walk.js';

/** "Report a login problem" on App Home: the troubleshooter. */
export function startReport(s: SlackServices) {
  return async ({ body, client }: ActionArgs, ctx: RequestContext): Promise<void> => {
    await openTroubleshooter(s, client, ctx.userId, body.trigger_id);
  };
}
