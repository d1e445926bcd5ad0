import type { ActionArgs } from '../dispatcher.js';
import type { RequestContext } from '../request-context.js';
import type { SlackServices } from '../services.js';
import { environmentModal } from '../views/environment-modal.js';
import { stillAdmin } from './publish.js';

/** "cybozu.com settings": the environment settings form, filled with what is saved. */
export function editEnvironment(s: SlackServices) {
  return async ({ body, client }: ActionArgs, ctx: RequestContext): Promise<void> => {
    if (!(await stillAdmin(s, client, ctx.userId, 'environment settings refused: not an admin'))) return;
    await ctx.openView(body.trigger_id, environmentModal(ctx.t, s.environment.get()), 'the environment settings');
  };
}
