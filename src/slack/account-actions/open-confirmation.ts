import type { Report } from '../../../db/schema.js';
import {
  apiActionFor,
  deliversPassword,
  nothingToDo,
  type ApiActionKind,
} from '../../account-actions/account-check.js';
import { rememberConfirmation } from '../../account-actions/confirmations.js';
import { DirectoryError } from '../../directory/errors.js';
import type { Translate } from '../../i18n/index.js';
import { buttonId } from '../button-value.js';
import type { ActionArgs } from '../dispatcher.js';
import type { RequestContext } from '../request-context.js';
import { adminUrls, type SlackServices } from '../services.js';
import { adminStepUpNeeded, type StepUpServices } from '../step-up.js';
import { confirmModal, infoModal, nothingToDoText } from '../views/account-action-confirm.js';
import { escapeMrkdwn } from '../views/blocks.js';
import { directoryErrorLines } from '../views/diagnosis.js';
import { remedyLabel } from '../views/report-message.js';
import { logRefusal, readReportAccount } from './report-account.js';

type Services = Pick<SlackServices, 'deps' | 'accountActions' | 'directory' | 'profiles' | 'environment'> &
  StepUpServices;

/**
 * Reset password, unlock, resume or assign kintone from the thread: checked at the click, then the confirmation
 * with the live account. The trigger expires in ~3 s and the directory may be slower: the modal opens first
 * ("loading") and is filled in after.
 */
export function openConfirmation(s: Services, kind: ApiActionKind) {
  return async (args: ActionArgs, ctx: RequestContext): Promise<void> => {
    const { t, userId } = ctx;
    const report = await ctx.requireAdmin(buttonId(args), 'account');
    if (!report) return;
    const wrong = wrongKind(report, kind, t);
    if (wrong) {
      logRefusal(s.deps.logger, { userId, reportId: report.id, step: 'click', why: 'wrong_kind' });
      return ctx.replyEphemeral(wrong);
    }
    const viewId = await ctx.openView(args.body.trigger_id, infoModal(t, t('confirm.loading')), 'an account action');
    if (!viewId) return;
    const show = (view: unknown) => ctx.updateView(viewId, view, 'an account action');
    if (!s.accountActions) return show(infoModal(t, t('diag.not_configured')));
    const stepUp = await adminStepUpNeeded(s, userId, t);
    if (stepUp) return show({ ...infoModal(t, stepUp.text), blocks: stepUp.blocks });
    if (deliversPassword(kind) && !s.deps.config.secretKey) return show(infoModal(t, t('confirm.secret_key_missing')));
    const check = await readReportAccount(s, report);
    if (check instanceof DirectoryError) return show(infoModal(t, directoryErrorLines(check, t).join('\n')));
    if (!check) return show(infoModal(t, t('confirm.not_found', { loginName: escapeMrkdwn(report.loginName) })));
    const pointless = nothingToDo(kind, check);
    if (pointless) return show(infoModal(t, nothingToDoText(pointless, check.user.loginName, t)));
    // What the admin is shown is remembered here, by view id: the submission is checked against it, not against the modal.
    const { db, config, clock } = s.deps;
    rememberConfirmation(db, {
      viewId,
      reportId: report.id,
      kind,
      targetLoginName: check.user.loginName,
      identity: check.proof,
      openedBy: userId,
      now: clock.now(),
    });
    const settings = s.environment.get();
    return show(
      confirmModal(kind, check, t, {
        secretTtlMinutes: config.secretTtlMinutes,
        settings,
        loginUrl: adminUrls(config).loginUrl,
      }),
    );
  };
}

/** The report names one account action (its remedy); a button for another one is refused. */
function wrongKind(report: Report, kind: ApiActionKind, t: Translate): string | null {
  const needed = apiActionFor(report);
  if (needed === kind) return null;
  return t('action.wrong_kind', {
    id: report.id,
    needed: needed ? t(`action.kind.${needed}`) : remedyLabel(report.remedy, t),
    kind: t(`action.kind.${kind}`),
  });
}
