import type { ActionArgs } from '../dispatcher.js';
import type { RequestContext } from '../request-context.js';
import type { SlackServices } from '../services.js';
import { publishHome, stillAdmin } from './publish.js';

/** The kill switch (issue 15): every self-service remedy off at once, audited; the next click finds it off. */
export function stopSelfService(s: SlackServices) {
  return async ({ client }: ActionArgs, ctx: RequestContext): Promise<void> => {
    if (!(await stillAdmin(s, client, ctx.userId, 'self-service kill switch refused: not an admin'))) return;
    s.environment.stopSelfService(ctx.userId, s.deps.clock.now());
    s.deps.logger.warn({ slackUserId: ctx.userId }, 'self-service switched off from App Home');
    await publishHome(s, client, ctx.userId);
  };
}
