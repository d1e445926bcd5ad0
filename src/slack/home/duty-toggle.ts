import type { ActionArgs } from '../dispatcher.js';
import type { RequestContext } from '../request-context.js';
import type { SlackServices } from '../services.js';
import { publishHome, stillAdmin } from './publish.js';

/** The admin's on/off duty switch. */
export function toggleDuty(s: SlackServices) {
  return async ({ client, action }: ActionArgs, ctx: RequestContext): Promise<void> => {
    if (!(await stillAdmin(s, client, ctx.userId))) return;
    s.roster.setManualDuty(ctx.userId, (action as { value?: string }).value === 'on', s.deps.clock.now());
    s.afterDutyChange();
    await publishHome(s, client, ctx.userId);
  };
}
