import type { Report } from '../../../db/schema.js';
import {
  confirmedIdentity,
  nothingToDo,
  unlockDecision,
  type AccountCheck,
  type ApiActionKind,
} from '../../account-actions/account-check.js';
import { openedConfirmation } from '../../account-actions/confirmations.js';
import { DirectoryError } from '../../directory/errors.js';
import { timedUnlockMinutes } from '../../settings/environment-settings.js';
import type { ViewArgs } from '../dispatcher.js';
import { notLive } from '../permissions.js';
import type { RequestContext } from '../request-context.js';
import type { SlackServices } from '../services.js';
import { adminStepUpNeeded, type StepUpServices } from '../step-up.js';
import { ConfirmInputs, infoModal, nothingToDoText } from '../views/account-action-confirm.js';
import { directoryErrorLines } from '../views/diagnosis.js';
import { logRefusal, readReportAccount, runAction } from './report-account.js';

type Services = Pick<SlackServices, 'deps' | 'accountActions' | 'directory' | 'profiles' | 'environment' | 'outbox'> &
  StepUpServices;
type Values = NonNullable<ViewArgs['view']['state']>['values'];

/** The confirmation's submission: everything checked again against fresh data, then the action begins (or is recorded). */
export function confirm(s: Services) {
  return async ({ ack, view }: ViewArgs, ctx: RequestContext): Promise<void> => {
    const { t, userId } = ctx;
    const fail = async (text: string) =>
      void (await ack({ response_action: 'update', view: infoModal(t, text) as never }));
    const checked = await recheck(s, view.id, ctx);
    if ('refusal' in checked) return void (await ack({ response_action: 'update', view: checked.refusal as never }));
    const { report, kind, check } = checked;
    const actions = s.accountActions!;
    const values = view.state?.values ?? {};
    if (check.proof === 'unverified' && !vouched(values)) {
      return void (await ack({
        response_action: 'errors',
        errors: { [ConfirmInputs.identity.block]: t('confirm.identity_required') },
      }));
    }
    const requestKey = `view:${view.id}`;
    const targetLoginName = check.user.loginName;
    const timed = timedUnlockMinutes(s.environment.get()) !== null;
    const unlock =
      kind === 'unlock'
        ? unlockDecision(values[ConfirmInputs.fix.block]?.[ConfirmInputs.fix.action]?.selected_option?.value, timed)
        : 'reset';
    if (unlock === 'no_timed_unlock') return fail(t('confirm.no_timed_unlock'));
    if (unlock === 'ask_to_wait') {
      const recorded = actions.record({
        reportId: report.id,
        kind: 'ask_to_wait',
        targetLoginName,
        by: userId,
        requestKey,
      });
      if (recorded.kind === 'not_live')
        return fail(recorded.report ? notLive(recorded.report, t) : t('action.not_found'));
      await ack();
      return void s.outbox.kick();
    }
    const identity = confirmedIdentity(check.proof);
    const begun = actions.begin({
      reportId: report.id,
      kind,
      targetLoginName,
      requestedBy: userId,
      identity,
      requestKey,
      needsApproval: check.administrator,
    });
    if (begun.kind === 'not_live') return fail(begun.report ? notLive(begun.report, t) : t('action.not_found'));
    if (begun.kind === 'busy')
      return fail(t('action.busy', { id: report.id, kind: t(`action.kind.${begun.action.kind as ApiActionKind}`) }));
    await ack();
    s.deps.logger.info(
      { reportId: report.id, actionId: begun.action.id, kind, identity, outcome: begun.kind, slackUserId: userId },
      'account action confirmed',
    );
    if (begun.kind === 'started') await runAction(s, begun.action);
    else s.outbox.kick();
  };
}

/**
 * Report, action and account come from what the server opened for this admin (never from private_metadata),
 * checked again at the confirmation: the gate, the step-up, and the account still the report's, unchanged.
 */
async function recheck(
  s: Services,
  viewId: string,
  ctx: RequestContext,
): Promise<{ refusal: unknown } | { report: Report; kind: ApiActionKind; check: AccountCheck }> {
  const { t, userId } = ctx;
  const refusal = (text: string) => ({ refusal: infoModal(t, text) });
  const opened = openedConfirmation(s.deps.db, viewId, userId, s.deps.clock.now());
  if (!opened) {
    logRefusal(s.deps.logger, { userId, reportId: null, step: 'confirm', why: 'unknown_view' });
    return refusal(t('confirm.gone'));
  }
  const gate = ctx.gate(opened.reportId, 'account');
  if ('refusal' in gate) {
    logRefusal(s.deps.logger, { userId, reportId: opened.reportId, step: 'confirm', why: 'gate' });
    return refusal(gate.refusal);
  }
  if (!s.accountActions) return refusal(t('diag.not_configured'));
  const stepUp = await adminStepUpNeeded(s, userId, t);
  if (stepUp) return { refusal: { ...infoModal(t, stepUp.text), blocks: stepUp.blocks } };
  const check = await readReportAccount(s, gate.report);
  if (check instanceof DirectoryError) return refusal(directoryErrorLines(check, t).join('\n'));
  if (!check || check.user.loginName !== opened.targetLoginName || check.proof !== opened.identity)
    return refusal(t('confirm.changed'));
  const pointless = nothingToDo(opened.kind, check);
  if (pointless) return refusal(nothingToDoText(pointless, check.user.loginName, t));
  return { report: gate.report, kind: opened.kind, check };
}

/** An unverified reporter: the admin must tick that they confirmed the reporter owns the account. */
function vouched(values: Values): boolean {
  const selected: { value: string }[] =
    values[ConfirmInputs.identity.block]?.[ConfirmInputs.identity.action]?.selected_options ?? [];
  return selected.some((o) => o.value === ConfirmInputs.identity.value);
}
