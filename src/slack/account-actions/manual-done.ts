import { buttonId } from '../button-value.js';
import type { ActionArgs } from '../dispatcher.js';
import { notLive } from '../permissions.js';
import type { RequestContext } from '../request-context.js';
import type { SlackServices } from '../services.js';

/** "Done by hand": an admin records that they fixed the account themselves (no API call). */
export function manualDone(s: Pick<SlackServices, 'accountActions' | 'outbox'>) {
  return async (args: ActionArgs, ctx: RequestContext): Promise<void> => {
    const gate = ctx.gate(buttonId(args), 'account');
    if ('refusal' in gate) return ctx.replyEphemeral(gate.refusal);
    const { report } = gate;
    // One record per report state: a double click finds the first; after a reopen it can be recorded again.
    const requestKey = `manual:${report.id}:${report.updatedAt}`;
    const recorded = s.accountActions?.record({
      reportId: report.id,
      kind: 'manual',
      remedy: report.remedy,
      targetLoginName: report.loginName,
      by: ctx.userId,
      requestKey,
    });
    if (recorded?.kind === 'not_live')
      return ctx.replyEphemeral(recorded.report ? notLive(recorded.report, ctx.t) : ctx.t('action.not_found'));
    s.outbox.kick();
  };
}
