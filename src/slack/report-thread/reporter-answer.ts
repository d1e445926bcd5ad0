import { transition } from '../../reports/lifecycle.js';
import { buttonId } from '../button-value.js';
import type { ActionArgs } from '../dispatcher.js';
import type { RequestContext } from '../request-context.js';
import { lifecycleContext, type SlackServices } from '../services.js';
import { outcomeText } from './outcome.js';
import { requireReporter } from './reporter-gate.js';

/** The reporter's "still stuck" (reopen) and "fixed it myself" (cancel) in their DM: the DM message says what happened. */
export function reporterAnswer(
  s: Pick<SlackServices, 'deps' | 'environment' | 'outbox'>,
  event: 'reopen' | 'cancel',
  doneKey: 'dm.reopened' | 'dm.cancelled',
) {
  return async (args: ActionArgs, ctx: RequestContext): Promise<void> => {
    const report = await requireReporter(s, buttonId(args), ctx);
    if (!report) return;
    const problem = outcomeText(
      transition(s.deps.db, { reportId: report.id, event, actor: ctx.userId }, lifecycleContext(s)),
      ctx.t,
    );
    if (problem) return ctx.replyEphemeral(problem);
    await args.respond({ replace_original: true, text: ctx.t(doneKey, { id: report.id }) });
    s.outbox.kick();
  };
}
