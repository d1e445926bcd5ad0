import type { ActionArgs } from '../dispatcher.js';
import type { RequestContext } from '../request-context.js';
import type { SlackServices } from '../services.js';
import { coverModal } from '../views/duty-cover.js';
import { stillAdmin } from './publish.js';

/** "Ask for cover": the cover form (checked at the click, and again at the submission). */
export function openCover(s: SlackServices) {
  return async ({ body, client }: ActionArgs, ctx: RequestContext): Promise<void> => {
    if (!(await stillAdmin(s, client, ctx.userId))) return;
    await ctx.openView(body.trigger_id, coverModal(ctx.t, s.deps.config.timezone), 'the cover form');
  };
}
