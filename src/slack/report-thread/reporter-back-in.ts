import { recordReporterBackIn } from '../../reports/reporter-back-in.js';
import { buttonId } from '../button-value.js';
import type { ActionArgs } from '../dispatcher.js';
import type { RequestContext } from '../request-context.js';
import type { SlackServices } from '../services.js';
import { ratingModal } from '../views/intake.js';
import { requireReporter } from './reporter-gate.js';

/** "I'm back in" in the reporter's DM: recorded; a resolved report asks "did it work?" (a 1–5 rating, may be skipped). */
export function reporterBackIn(s: Pick<SlackServices, 'deps'>) {
  return async (args: ActionArgs, ctx: RequestContext): Promise<void> => {
    const report = await requireReporter(s, buttonId(args), ctx);
    if (!report) return;
    recordReporterBackIn(s.deps.db, { reportId: report.id, reporterSlackId: ctx.userId, now: s.deps.clock.now() });
    if (report.state === 'resolved')
      await ctx.openView(args.body.trigger_id, ratingModal(ctx.t, report.id), 'the rating');
    await args.respond({ replace_original: true, text: ctx.t('dm.thanks_back_in', { id: report.id }) });
  };
}
