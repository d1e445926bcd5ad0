import type { AccountAction, Report } from '../../../db/schema.js';
import { apiActionFor, checkAccount, deliversPassword, nothingToDo, type AccountCheck, type ApiActionKind } from '../../account-actions/account-check.js';
import type { IdentityProof } from '../../account-actions/account-actions.js';
import { approvalNoLongerHolds, type ApprovalEndReason } from '../../account-actions/approvals.js';
import { openedConfirmation, rememberConfirmation } from '../../account-actions/confirmations.js';
import { DirectoryError } from '../../directory/errors.js';
import { adminStepUpNeeded } from '../step-up.js';
import { translator, type Translate } from '../../i18n/index.js';
import { ActionIds, CallbackIds } from '../ids.js';
import { accountActionGate, notLive, parseId } from '../permissions.js';
import type { ActionArgs, SlackDispatcher } from '../dispatcher.js';
import { adminUrls, type SlackServices } from '../services.js';
import { timedUnlockMinutes } from '../../settings/environment-settings.js';
import { ConfirmInputs, confirmModal, infoModal, nothingToDoText } from '../views/account-action-confirm.js';
import { escapeMrkdwn, plain, section } from '../views/blocks.js';
import { directoryErrorLines } from '../views/diagnosis.js';
import { remedyLabel } from '../views/report-message.js';

const BUTTON_KIND: Record<string, ApiActionKind> = {
  [ActionIds.reportResetPassword]: 'reset_password',
  [ActionIds.reportUnlock]: 'unlock',
  [ActionIds.reportResume]: 'resume',
  [ActionIds.reportAssignKintone]: 'assign_kintone',
};

/** Reset password, unlock, resume, assign kintone from the thread; the reporter's one-time reveal; manual "done". */
export function registerAccountActions(router: SlackDispatcher, s: SlackServices): void {
  const { deps } = s;
  const now = () => deps.clock.now();

  /** Reads the report's account as it is now. The target is always the report's own login name. */
  const checkReportAccount = async (report: Report): Promise<AccountCheck | null | DirectoryError> => {
    try {
      const reporter = await s.profiles.get(report.reporterSlackId);
      return await checkAccount(s.directory!, report.loginName, { slackEmail: reporter.email, sso: s.sso?.identityOf(report.reporterSlackId) ?? null });
    } catch (error) {
      if (error instanceof DirectoryError) return error;
      throw error;
    }
  };

  /** The report names one account action (its remedy); a button for another one is refused. */
  const wrongKind = (report: Report, kind: ApiActionKind, t: Translate): string | null => {
    const needed = apiActionFor(report);
    if (needed === kind) return null;
    return t('action.wrong_kind', { id: report.id, needed: needed ? t(`action.kind.${needed}`) : remedyLabel(report.remedy, t), kind: t(`action.kind.${kind}`) });
  };

  const run = async (action: AccountAction) => {
    s.outbox.kick();
    if (action.state !== 'running') return;
    await s.accountActions!.execute(action);
    s.outbox.kick();
  };

  const refused = (userId: string, reportId: number | null | undefined, step: string, why: string) =>
    deps.logger.warn({ slackUserId: userId, reportId, step, why }, 'account action refused');

  const onButton = async (args: ActionArgs) => {
    await args.ack();
    const userId = args.body.user.id;
    const t = translator(await s.profiles.locale(userId));
    const kind = BUTTON_KIND[(args.action as { action_id: string }).action_id]!;
    const reportId = parseId((args.action as { value?: string }).value);
    const refuse = async (text: string, why: string) => {
      refused(userId, reportId, 'click', why);
      await args.respond({ response_type: 'ephemeral', replace_original: false, text });
    };
    const gate = accountActionGate(s, userId, reportId, t);
    if ('refusal' in gate) return refuse(gate.refusal, 'gate');
    const { report } = gate;
    const wrong = wrongKind(report, kind, t);
    if (wrong) return refuse(wrong, 'wrong_kind');
    // The trigger expires in ~3 s and the directory may be slower: open first, fill in after.
    const opened = await args.client.views
      .open({ trigger_id: args.body.trigger_id, view: infoModal(t, t('confirm.loading')) as never })
      .catch((error: Error) => deps.logger.warn({ err: error.message, reportId: report.id }, 'views.open failed for an account action'));
    const viewId = opened?.view?.id;
    if (!viewId) return;
    const update = async (view: unknown): Promise<void> => {
      await args.client.views.update({ view_id: viewId, view: view as never }).catch((error: Error) => {
        deps.logger.warn({ err: error.message, reportId: report.id }, 'views.update failed for an account action');
      });
    };
    if (!s.accountActions) return update(infoModal(t, t('diag.not_configured')));
    const stepUp = await adminStepUpNeeded(s, userId, t);
    if (stepUp) return update({ ...infoModal(t, stepUp.text), blocks: stepUp.blocks });
    if (deliversPassword(kind) && !deps.config.secretKey) return update(infoModal(t, t('confirm.secret_key_missing')));
    const check = await checkReportAccount(report);
    if (check instanceof DirectoryError) return update(infoModal(t, directoryErrorLines(check, t).join('\n')));
    if (!check) return update(infoModal(t, t('confirm.not_found', { loginName: escapeMrkdwn(report.loginName) })));
    const pointless = nothingToDo(kind, check);
    if (pointless) return update(infoModal(t, nothingToDoText(pointless, check.user.loginName, t)));
    // What the admin is shown is remembered here, by view id: the submission is checked against it, not against the modal.
    rememberConfirmation(deps.db, { viewId, reportId: report.id, kind, targetLoginName: check.user.loginName, identity: check.proof, openedBy: userId, now: now() });
    await update(confirmModal(kind, check, t, { secretTtlMinutes: deps.config.secretTtlMinutes, settings: s.environment.get(), loginUrl: adminUrls(deps.config).loginUrl }));
  };
  for (const actionId of Object.keys(BUTTON_KIND)) router.action(actionId, onButton);

  router.view(CallbackIds.accountActionConfirm, async ({ ack, body, view }) => {
    const userId = body.user.id;
    const t = translator(await s.profiles.locale(userId));
    const fail = (text: string) => ack({ response_action: 'update', view: infoModal(t, text) as never });
    // Report, action and account come from what the server opened for this admin, never from private_metadata.
    const opened = openedConfirmation(deps.db, view.id, userId, now());
    if (!opened) {
      refused(userId, null, 'confirm', 'unknown_view');
      return void (await fail(t('confirm.gone')));
    }
    const kind = opened.kind;
    const gate = accountActionGate(s, userId, opened.reportId, t);
    if ('refusal' in gate) {
      refused(userId, opened.reportId, 'confirm', 'gate');
      return void (await fail(gate.refusal));
    }
    const { report } = gate;
    if (!s.accountActions) return void (await fail(t('diag.not_configured')));
    const stepUp = await adminStepUpNeeded(s, userId, t);
    if (stepUp) return void (await ack({ response_action: 'update', view: { ...infoModal(t, stepUp.text), blocks: stepUp.blocks } as never }));
    // Checked again at the confirmation, against fresh data: the account must still be the report's, unchanged.
    const check = await checkReportAccount(report);
    if (check instanceof DirectoryError) return void (await fail(directoryErrorLines(check, t).join('\n')));
    if (!check || check.user.loginName !== opened.targetLoginName || check.proof !== opened.identity) return void (await fail(t('confirm.changed')));
    const pointless = nothingToDo(kind, check);
    if (pointless) return void (await fail(nothingToDoText(pointless, check.user.loginName, t)));
    const values = view.state?.values ?? {};
    let identity: IdentityProof = check.proof === 'unverified' ? 'admin_confirmed' : check.proof;
    if (check.proof === 'unverified') {
      const selected: { value: string }[] = values[ConfirmInputs.identity.block]?.[ConfirmInputs.identity.action]?.selected_options ?? [];
      if (!selected.some((o) => o.value === ConfirmInputs.identity.value)) {
        return void (await ack({ response_action: 'errors', errors: { [ConfirmInputs.identity.block]: t('confirm.identity_required') } }));
      }
    }
    const choice = values[ConfirmInputs.fix.block]?.[ConfirmInputs.fix.action]?.selected_option?.value;
    const timed = timedUnlockMinutes(s.environment.get()) !== null;
    // "Wait" exists only while lockouts end by time; the settings may have changed since the modal opened.
    if (kind === 'unlock' && choice === 'wait' && !timed) return void (await fail(t('confirm.no_timed_unlock')));
    // Without a choice: a modal with no "wait" (never released) confirmed the reset; otherwise nothing destructive.
    if (kind === 'unlock' && choice !== 'reset' && timed) {
      const recorded = s.accountActions.record({ reportId: report.id, kind: 'ask_to_wait', targetLoginName: check.user.loginName, by: userId, requestKey: `view:${view.id}` });
      if (recorded.kind === 'not_live') return void (await fail(recorded.report ? notLive(recorded.report, t) : t('action.not_found')));
      await ack();
      s.outbox.kick();
      return;
    }
    const begun = s.accountActions.begin({
      reportId: report.id,
      kind,
      targetLoginName: check.user.loginName,
      requestedBy: userId,
      identity,
      requestKey: `view:${view.id}`,
      needsApproval: check.administrator,
    });
    if (begun.kind === 'not_live') return void (await fail(begun.report ? notLive(begun.report, t) : t('action.not_found')));
    if (begun.kind === 'busy') return void (await fail(t('action.busy', { id: report.id, kind: t(`action.kind.${begun.action.kind as ApiActionKind}`) })));
    await ack();
    deps.logger.info({ reportId: report.id, actionId: begun.action.id, kind, identity, outcome: begun.kind, slackUserId: userId }, 'account action confirmed');
    if (begun.kind === 'started') await run(begun.action);
    else s.outbox.kick();
  });

  /** Why a request for approval cannot be approved, in the approver's words. */
  const endedText = (action: AccountAction, t: Translate): string => {
    if (action.state === 'expired') return t('approval.expired', { minutes: deps.config.approvalExpiryMinutes });
    if (action.state === 'cancelled') return t('approval.cancelled', { reason: t(`approval.reason.${(action.errorKind ?? 'account_changed') as Exclude<ApprovalEndReason, 'expired'>}`) });
    return t('approval.already');
  };

  router.action(ActionIds.accountActionApprove, async (args) => {
    await args.ack();
    const userId = args.body.user.id;
    const t = translator(await s.profiles.locale(userId));
    const say = (text: string, blocks?: unknown[]) => args.respond({ response_type: 'ephemeral', replace_original: false, text, ...(blocks ? { blocks: blocks as never } : {}) });
    const actionId = parseId((args.action as { value?: string }).value);
    const pending = actionId === null || !s.accountActions ? undefined : s.accountActions.get(actionId);
    const gate = accountActionGate(s, userId, pending?.reportId ?? null, t);
    if ('refusal' in gate || !pending) {
      refused(userId, pending?.reportId, 'approve', 'gate');
      return void (await say('refusal' in gate ? gate.refusal : t('action.not_found')));
    }
    const stepUp = await adminStepUpNeeded(s, userId, t);
    if (stepUp) return void (await say(stepUp.text, stepUp.blocks));
    if (pending.state !== 'pending_approval') return void (await say(endedText(pending, t)));
    if (pending.requestedBy === userId) return void (await say(t('approval.same_admin')));
    const actions = s.accountActions!;
    const end = async (reason: ApprovalEndReason, prefix = '') => {
      const ended = actions.endApproval(pending.id, reason, reason === 'expired' ? null : userId);
      s.outbox.kick();
      refused(userId, pending.reportId, 'approve', reason);
      await say(`${prefix}${endedText(ended ?? pending, t)}`);
    };
    if (actions.isExpired(pending)) return end('expired');
    // What the requester saw must still hold when the approver looks: the account is re-read from the directory.
    const check = await checkReportAccount(gate.report);
    if (check instanceof DirectoryError) return void (await say(directoryErrorLines(check, t).join('\n')));
    const changed = approvalNoLongerHolds(pending, check);
    const pointless = check && nothingToDo(pending.kind as ApiActionKind, check);
    if (changed) return end(changed, changed === 'nothing_to_do' && pointless ? `${nothingToDoText(pointless, pending.targetLoginName, t)} ` : '');
    const approved = actions.approve(pending.id, userId);
    switch (approved.kind) {
      case 'started':
        return run(approved.action);
      case 'not_live':
        return void (await say(approved.report ? notLive(approved.report, t) : t('action.not_found')));
      case 'same_admin':
        return void (await say(t('approval.same_admin')));
      case 'expired':
        s.outbox.kick();
        return void (await say(endedText(approved.action, t)));
      case 'not_pending':
        return void (await say(approved.action ? endedText(approved.action, t) : t('action.not_found')));
    }
  });

  router.action(ActionIds.reportManualDone, async (args) => {
    await args.ack();
    const userId = args.body.user.id;
    const t = translator(await s.profiles.locale(userId));
    const gate = accountActionGate(s, userId, parseId((args.action as { value?: string }).value), t);
    if ('refusal' in gate) {
      await args.respond({ response_type: 'ephemeral', replace_original: false, text: gate.refusal });
      return;
    }
    const { report } = gate;
    // One record per report state: a double click finds the first; after a reopen it can be recorded again.
    const recorded = s.accountActions?.record({ reportId: report.id, kind: 'manual', remedy: report.remedy, targetLoginName: report.loginName, by: userId, requestKey: `manual:${report.id}:${report.updatedAt}` });
    if (recorded?.kind === 'not_live') {
      await args.respond({ response_type: 'ephemeral', replace_original: false, text: recorded.report ? notLive(recorded.report, t) : t('action.not_found') });
      return;
    }
    s.outbox.kick();
  });

  router.action(ActionIds.secretReveal, async (args) => {
    await args.ack();
    const userId = args.body.user.id;
    const locale = await s.profiles.locale(userId);
    const t = translator(locale);
    const secretId = parseId((args.action as { value?: string }).value);
    if (!s.secrets || secretId === null) return;
    const claim = s.secrets.claim(secretId, userId, deps.clock.now());
    if (claim.kind !== 'revealed') {
      const key = { not_found: 'reveal.expired', expired: 'reveal.expired', already_revealed: 'reveal.already', not_yours: 'reveal.not_yours' } as const;
      await args.respond({ response_type: 'ephemeral', replace_original: false, text: t(key[claim.kind]) });
      return;
    }
    const action = s.accountActions?.get(claim.secret.actionId);
    try {
      await args.client.views.open({
        trigger_id: args.body.trigger_id,
        view: { type: 'modal', title: plain(t('reveal.title')), close: plain(t('tree.close')), blocks: [section(t('reveal.body', { loginName: escapeMrkdwn(action?.targetLoginName ?? ''), password: claim.plaintext }))] },
      });
      s.secrets.erase(secretId, deps.clock.now());
    } catch (error) {
      // Not shown: the reporter may press the button again (until it expires).
      s.secrets.release(secretId);
      deps.logger.warn({ slackUserId: userId, secretId, err: (error as Error).message }, 'reveal modal could not be opened'); // ids only, never the value
    }
  });
}
