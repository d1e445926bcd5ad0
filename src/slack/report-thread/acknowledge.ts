import { transition } from '../../reports/lifecycle.js';
import { buttonId } from '../button-value.js';
import type { ActionArgs } from '../dispatcher.js';
import type { RequestContext } from '../request-context.js';
import { lifecycleContext, type SlackServices } from '../services.js';
import { answerOutcome } from './outcome.js';

/** "I'm on it": an admin (not the reporter) takes the report. */
export function acknowledge(s: Pick<SlackServices, 'deps' | 'environment' | 'outbox'>) {
  return async (args: ActionArgs, ctx: RequestContext): Promise<void> => {
    const report = await ctx.requireAdmin(buttonId(args));
    if (!report) return;
    await answerOutcome(
      s,
      ctx,
      transition(s.deps.db, { reportId: report.id, event: 'acknowledge', actor: ctx.userId }, lifecycleContext(s)),
    );
  };
}
