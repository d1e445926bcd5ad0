import type { Report } from '../../../db/schema.js';
import type { Translate } from '../../i18n/index.js';
import type { TransitionOutcome } from '../../reports/lifecycle.js';
import type { ViewArgs } from '../dispatcher.js';
import { parseId } from '../permissions.js';
import type { RequestContext } from '../request-context.js';
import type { SlackServices } from '../services.js';

/** Why a state change did not happen, in words (null when it did). */
export function outcomeText(outcome: TransitionOutcome, t: Translate): string | null {
  if (outcome.ok) return null;
  if (outcome.reason === 'not_found') return t('action.not_found');
  return t('action.not_allowed', { id: outcome.report.id, state: t(`report.state.${outcome.report.state}`) });
}

/** A button's state change: the problem shown only to the clicker, or the outbox woken for the new notices. */
export async function answerOutcome(
  s: Pick<SlackServices, 'outbox'>,
  ctx: RequestContext,
  outcome: TransitionOutcome,
): Promise<void> {
  const problem = outcomeText(outcome, ctx.t);
  if (problem) await ctx.replyEphemeral(problem);
  else s.outbox.kick();
}

/**
 * A thread modal's submission (its report id in private_metadata): checked again against the roster, then
 * applied; a refusal or a problem shows on `block`.
 */
export function adminForm(
  s: Pick<SlackServices, 'outbox'>,
  block: string,
  apply: (report: Report, view: ViewArgs['view'], ctx: RequestContext) => TransitionOutcome | string,
) {
  return async ({ ack, view }: ViewArgs, ctx: RequestContext): Promise<void> => {
    const gate = ctx.gate(parseId(view.private_metadata));
    const result = 'refusal' in gate ? gate.refusal : apply(gate.report, view, ctx);
    const problem = typeof result === 'string' ? result : outcomeText(result, ctx.t);
    if (problem) return void (await ack({ response_action: 'errors', errors: { [block]: problem } }));
    await ack();
    s.outbox.kick();
  };
}
