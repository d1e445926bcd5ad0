import type { ActionArgs } from '../dispatcher.js';
import { switchListening } from '../intake/switch-listening.js';
import type { RequestContext } from '../request-context.js';
import type { SlackServices } from '../services.js';
import { publishHome, stillAdmin } from './publish.js';

/** "Stop" next to a help channel (`home_listen_off:<channel>`): the app no longer answers there. */
export function listenOff(s: SlackServices) {
  return async ({ client, action }: ActionArgs, ctx: RequestContext): Promise<void> => {
    if (!(await stillAdmin(s, client, ctx.userId))) return;
    const channelId = String((action as { value?: string }).value ?? '');
    await publishHome(
      s,
      client,
      ctx.userId,
      await switchListening(s, { channelId, on: false, by: ctx.userId, t: ctx.t }),
    );
  };
}
