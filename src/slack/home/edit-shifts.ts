import { toDuty } from '../../roster/roster.js';
import type { ActionArgs } from '../dispatcher.js';
import type { RequestContext } from '../request-context.js';
import type { SlackServices } from '../services.js';
import { shiftsModal } from '../views/home.js';
import { publishHome } from './publish.js';

/** "Edit shifts": the weekly shifts form, filled with the admin's shifts. */
export function editShifts(s: SlackServices) {
  return async ({ body, client }: ActionArgs, ctx: RequestContext): Promise<void> => {
    const admin = s.roster.get(ctx.userId);
    if (!admin) return publishHome(s, client, ctx.userId);
    await ctx.openView(body.trigger_id, shiftsModal(ctx.t, ctx.locale, toDuty(admin).shifts), 'shifts');
  };
}
