import type { AccountAction } from '../../../db/schema.js';
import type { ApproveOutcome } from '../../account-actions/account-actions.js';
import { nothingToDo, type ApiActionKind } from '../../account-actions/account-check.js';
import { approvalNoLongerHolds, type ApprovalEndReason } from '../../account-actions/approvals.js';
import { DirectoryError } from '../../directory/errors.js';
import type { Translate } from '../../i18n/index.js';
import { buttonId } from '../button-value.js';
import type { ActionArgs } from '../dispatcher.js';
import { notLive } from '../permissions.js';
import type { RequestContext } from '../request-context.js';
import type { SlackServices } from '../services.js';
import { adminStepUpNeeded, type StepUpServices } from '../step-up.js';
import { nothingToDoText } from '../views/account-action-confirm.js';
import { directoryErrorLines } from '../views/diagnosis.js';
import { logRefusal, readReportAccount, runAction } from './report-account.js';

type Services = Pick<SlackServices, 'deps' | 'accountActions' | 'directory' | 'profiles' | 'outbox'> & StepUpServices;

/** A second admin approves an action on an administrator's account: checked again, then run. */
export function approve(s: Services) {
  return async (args: ActionArgs, ctx: RequestContext): Promise<void> => {
    const { t, userId } = ctx;
    const say = ctx.replyEphemeral;
    const actionId = buttonId(args);
    const pending = actionId === null || !s.accountActions ? undefined : s.accountActions.get(actionId);
    const gate = ctx.gate(pending?.reportId ?? null, 'account');
    if ('refusal' in gate || !pending) {
      logRefusal(s.deps.logger, { userId, reportId: pending?.reportId, step: 'approve', why: 'gate' });
      return say('refusal' in gate ? gate.refusal : t('action.not_found'));
    }
    const stepUp = await adminStepUpNeeded(s, userId, t);
    if (stepUp) return say(stepUp.text, stepUp.blocks);
    const ended = (action: AccountAction) => endedText(action, t, s.deps.config.approvalExpiryMinutes);
    if (pending.state !== 'pending_approval') return say(ended(pending));
    if (pending.requestedBy === userId) return say(t('approval.same_admin'));
    const actions = s.accountActions!;
    const end = async (reason: ApprovalEndReason, prefix = '') => {
      const after = actions.endApproval(pending.id, reason, reason === 'expired' ? null : userId);
      s.outbox.kick();
      logRefusal(s.deps.logger, { userId, reportId: pending.reportId, step: 'approve', why: reason });
      await say(`${prefix}${ended(after ?? pending)}`);
    };
    if (actions.isExpired(pending)) return end('expired');
    // What the requester saw must still hold when the approver looks: the account is re-read from the directory.
    const check = await readReportAccount(s, gate.report);
    if (check instanceof DirectoryError) return say(directoryErrorLines(check, t).join('\n'));
    const changed = approvalNoLongerHolds(pending, check);
    const pointless = check && nothingToDo(pending.kind as ApiActionKind, check);
    if (changed)
      return end(
        changed,
        changed === 'nothing_to_do' && pointless ? `${nothingToDoText(pointless, pending.targetLoginName, t)} ` : '',
      );
    return answerApproval(s, ctx, actions.approve(pending.id, userId), ended);
  };
}

/** What approving did: the action runs, or the approver is told why not. */
async function answerApproval(
  s: Services,
  ctx: RequestContext,
  approved: ApproveOutcome,
  ended: (action: AccountAction) => string,
): Promise<void> {
  const { t } = ctx;
  switch (approved.kind) {
    case 'started':
      return runAction(s, approved.action);
    case 'not_live':
      return ctx.replyEphemeral(approved.report ? notLive(approved.report, t) : t('action.not_found'));
    case 'same_admin':
      return ctx.replyEphemeral(t('approval.same_admin'));
    case 'expired':
      s.outbox.kick();
      return ctx.replyEphemeral(ended(approved.action));
    case 'not_pending':
      return ctx.replyEphemeral(approved.action ? ended(approved.action) : t('action.not_found'));
  }
}

/** Why a request for approval cannot be approved, in the approver's words. */
function endedText(action: AccountAction, t: Translate, expiryMinutes: number): string {
  if (action.state === 'expired') return t('approval.expired', { minutes: expiryMinutes });
  if (action.state === 'cancelled')
    return t('approval.cancelled', {
      reason: t(`approval.reason.${(action.errorKind ?? 'account_changed') as Exclude<ApprovalEndReason, 'expired'>}`),
    });
  return t('approval.already');
}
