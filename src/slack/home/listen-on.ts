import type { ActionArgs } from '../dispatcher.js';
import { switchListening } from '../intake/switch-listening.js';
import type { RequestContext } from '../request-context.js';
import type { SlackServices } from '../services.js';
import { publishHome, stillAdmin } from './publish.js';

/** A channel picked under "Help channels": the app answers there (when it is a member), and the tab says so. */
export function listenOn(s: SlackServices) {
  return async ({ client, action }: ActionArgs, ctx: RequestContext): Promise<void> => {
    if (!(await stillAdmin(s, client, ctx.userId))) return;
    const channelId = String((action as { selected_conversation?: string }).selected_conversation ?? '');
    await publishHome(
      s,
      client,
      ctx.userId,
      await switchListening(s, { channelId, on: true, by: ctx.userId, t: ctx.t }),
    );
  };
}
