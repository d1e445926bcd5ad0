import type { AccountAction, Report } from '../../../db/schema.js';
import type { ApiActionKind, Identity } from '../../actions/account-actions.js';
import type { DirectoryUser } from '../../directory/port.js';
import { DirectoryError } from '../../directory/errors.js';
import { adminStepUpSatisfied, reporterIdentityVerified } from '../../identity/oidc.js';
import { translator, type Locale, type Translate } from '../../i18n/index.js';
import { DEFAULT_LOCKOUT_MINUTES } from '../../troubleshoot/template-vars.js';
import { ActionIds, CallbackIds } from '../ids.js';
import { adminGate, reportIdOf } from '../permissions.js';
import type { ActionArgs, SlackRouter } from '../router.js';
import type { SlackServices } from '../services.js';
import { ssoLinkBlocks } from '../sso-link.js';
import { context, formModal, plain, section } from '../views/blocks.js';
import { directoryErrorLines } from '../views/diagnosis.js';

const BUTTON_KIND: Record<string, ApiActionKind> = {
  [ActionIds.reportResetPassword]: 'reset_password',
  [ActionIds.reportUnlock]: 'unlock',
  [ActionIds.reportResume]: 'resume',
  [ActionIds.reportAssignKintone]: 'assign_kintone',
};

/** What the confirmation carries to the submit, where everything is checked again against fresh data. */
interface ConfirmMetadata {
  reportId: number;
  kind: ApiActionKind;
  loginName: string;
  identity: Identity | 'unverified';
}

/** The live facts about the report's account that decide what the confirmation says. */
interface AccountCheck {
  user: DirectoryUser;
  administrator: boolean;
  hasKintone: boolean;
  /** The reporter's Slack e-mail equals the account's e-mail (case-insensitive). */
  emailMatches: boolean;
  /** The reporter signed in through single sign-on with a verified e-mail equal to the account's. */
  ssoVerified: boolean;
  slackEmail: string | null;
}

function infoModal(t: Translate, text: string) {
  return { type: 'modal' as const, title: plain(t('confirm.title')), close: plain(t('tree.close')), blocks: [section(text)] };
}

/** Why this action makes no sense for this account right now, if it does not. */
function nothingToDo(kind: ApiActionKind, check: AccountCheck, t: Translate): string | null {
  if (kind === 'resume' && check.user.active) return t('confirm.nothing.resume', { loginName: check.user.loginName });
  if (kind === 'assign_kintone' && check.hasKintone) return t('confirm.nothing.assign_kintone', { loginName: check.user.loginName });
  return null;
}

function confirmModal(meta: ConfirmMetadata, check: AccountCheck, t: Translate, p: { secretTtlMinutes: number }) {
  const state = check.user.active ? t('confirm.state.active') : t('confirm.state.suspended');
  const lines = [t(`confirm.what.${meta.kind}`, { loginName: check.user.loginName, name: check.user.name }), t('confirm.state', { state })];
  if (meta.kind === 'reset_password' || meta.kind === 'unlock') lines.push(t('confirm.keeps_valid', { state }), t('confirm.password_delivery', { minutes: p.secretTtlMinutes }));
  if (meta.kind === 'resume') lines.push(t('confirm.certificates'));
  const blocks: unknown[] = [section(lines.join('\n'))];
  if (check.administrator) blocks.push(section(t('confirm.admin_target')));
  if (meta.kind === 'reset_password' || meta.kind === 'unlock') {
    const identity = identityOf(check);
    blocks.push(
      section(
        identity === 'sso' ? t('confirm.identity_sso') : identity === 'email_match' ? t('confirm.identity_ok') : t('confirm.identity_warning', { slackEmail: check.slackEmail ?? '—', accountEmail: check.user.email ?? '—' }),
      ),
    );
    if (identity === 'unverified') {
      blocks.push({
        type: 'input',
        block_id: 'identity',
        label: plain(t('confirm.identity_required')),
        element: { type: 'checkboxes', action_id: 'identity_checked', options: [{ text: plain(t('confirm.identity_checkbox')), value: 'verified' }] },
      });
    }
  }
  if (meta.kind === 'unlock') {
    blocks.push(context(t('confirm.wait_choice', { minutes: DEFAULT_LOCKOUT_MINUTES })), {
      type: 'input',
      block_id: 'fix',
      label: plain(t('confirm.choice_label')),
      element: {
        type: 'radio_buttons',
        action_id: 'fix_choice',
        initial_option: { text: plain(t('confirm.wait_option', { minutes: DEFAULT_LOCKOUT_MINUTES })), value: 'wait' },
        options: [
          { text: plain(t('confirm.wait_option', { minutes: DEFAULT_LOCKOUT_MINUTES })), value: 'wait' },
          { text: plain(t('confirm.reset_option')), value: 'reset' },
        ],
      },
    });
  }
  return formModal({
    callbackId: CallbackIds.accountActionConfirm,
    privateMetadata: JSON.stringify(meta),
    title: t('confirm.title'),
    submit: t('confirm.submit'),
    close: t('modal.cancel'),
    blocks,
  });
}

/** Single sign-on first (strongest), then a matching Slack e-mail; otherwise the admin must vouch. */
function identityOf(check: AccountCheck): Identity | 'unverified' {
  return check.ssoVerified ? 'sso' : check.emailMatches ? 'email_match' : 'unverified';
}

function parseMetadata(raw: string): ConfirmMetadata | null {
  try {
    const m = JSON.parse(raw) as Partial<ConfirmMetadata>;
    const kinds: ApiActionKind[] = ['reset_password', 'unlock', 'resume', 'assign_kintone'];
    if (reportIdOf(m.reportId) === null || !kinds.includes(m.kind as ApiActionKind) || typeof m.loginName !== 'string') return null;
    return { reportId: m.reportId!, kind: m.kind!, loginName: m.loginName, identity: m.identity ?? 'unverified' };
  } catch {
    return null;
  }
}

/** Reset password, unlock, resume, assign kintone from the thread; the reporter's one-time reveal; manual "done". */
export function registerAccountActions(router: SlackRouter, s: SlackServices): void {
  const { deps } = s;

  /** Reads the report's account as it is now. The target is always the report's own login name. */
  const checkAccount = async (report: Report): Promise<AccountCheck | null | DirectoryError> => {
    const directory = s.directory!;
    try {
      const user = await directory.findByLoginName(report.loginName);
      if (!user) return null;
      const [administrator, services, reporter] = await Promise.all([
        directory.isAdministrator(user.loginName),
        directory.services(user.loginName),
        s.profiles.get(report.reporterSlackId),
      ]);
      const emailMatches = Boolean(reporter.email && user.email && reporter.email.toLowerCase() === user.email.toLowerCase());
      const ssoVerified = s.sso !== null && reporterIdentityVerified(s.sso.identityOf(report.reporterSlackId), user.email);
      return { user, administrator, hasKintone: services.includes('kintone'), emailMatches, ssoVerified, slackEmail: reporter.email };
    } catch (error) {
      if (error instanceof DirectoryError) return error;
      throw error;
    }
  };

  /**
   * Admin step-up (OIDC_ADMIN_GROUP): roster membership alone is not enough; the admin must have signed in
   * through single sign-on recently with that group. Returns the blocks to show instead of the action.
   */
  const stepUpNeeded = async (userId: string, t: Translate): Promise<{ text: string; blocks: unknown[] } | null> => {
    const oidc = deps.config.oidc;
    if (!oidc?.adminGroup || !s.sso) return null;
    const ok = adminStepUpSatisfied(s.sso.identityOf(userId), { group: oidc.adminGroup, windowMs: oidc.stepUpHours * 3_600_000, now: deps.clock.now() });
    if (ok) return null;
    const link = await ssoLinkBlocks(s, userId, t);
    const text = t('confirm.step_up', { hours: oidc.stepUpHours, group: oidc.adminGroup });
    return { text, blocks: [section(text), ...link.blocks.slice(1)] };
  };

  const run = async (action: AccountAction) => {
    s.outbox.kick();
    if (action.state !== 'running') return;
    await s.accountActions!.execute(action);
    s.outbox.kick();
  };

  const onButton = async (args: ActionArgs) => {
    await args.ack();
    const userId = args.body.user.id;
    const locale = await s.profiles.locale(userId);
    const t = translator(locale);
    const kind = BUTTON_KIND[(args.action as { action_id: string }).action_id]!;
    const gate = adminGate(s, userId, reportIdOf((args.action as { value?: string }).value), t);
    if ('refusal' in gate) {
      await args.respond({ response_type: 'ephemeral', replace_original: false, text: gate.refusal });
      return;
    }
    // The trigger expires in ~3 s and the directory may be slower: open first, fill in after.
    const opened = await args.client.views
      .open({ trigger_id: args.body.trigger_id, view: infoModal(t, t('confirm.loading')) as never })
      .catch((error: Error) => deps.logger.warn({ err: error.message, reportId: gate.report.id }, 'views.open failed for an account action'));
    if (!opened?.view?.id) return;
    const update = async (view: unknown): Promise<void> => {
      await args.client.views.update({ view_id: opened.view!.id!, view: view as never }).catch((error: Error) => {
        deps.logger.warn({ err: error.message, reportId: gate.report.id }, 'views.update failed for an account action');
      });
    };
    if (!s.accountActions) return update(infoModal(t, t('diag.not_configured')));
    const stepUp = await stepUpNeeded(userId, t);
    if (stepUp) return update({ ...infoModal(t, stepUp.text), blocks: stepUp.blocks });
    if ((kind === 'reset_password' || kind === 'unlock') && !deps.config.secretKey) return update(infoModal(t, t('confirm.secret_key_missing')));
    const check = await checkAccount(gate.report);
    if (check instanceof DirectoryError) return update(infoModal(t, directoryErrorLines(check, t).join('\n')));
    if (!check) return update(infoModal(t, t('confirm.not_found', { loginName: gate.report.loginName })));
    const pointless = nothingToDo(kind, check, t);
    if (pointless) return update(infoModal(t, pointless));
    const meta: ConfirmMetadata = { reportId: gate.report.id, kind, loginName: check.user.loginName, identity: identityOf(check) };
    await update(confirmModal(meta, check, t, { secretTtlMinutes: deps.config.secretTtlMinutes }));
  };
  for (const actionId of Object.keys(BUTTON_KIND)) router.action(actionId, onButton);

  router.view(CallbackIds.accountActionConfirm, async ({ ack, body, view }) => {
    const userId = body.user.id;
    const locale: Locale = await s.profiles.locale(userId);
    const t = translator(locale);
    const meta = parseMetadata(view.private_metadata);
    const gate = adminGate(s, userId, meta?.reportId ?? null, t);
    const fail = (text: string) => ack({ response_action: 'update', view: infoModal(t, text) as never });
    if (!meta || 'refusal' in gate) return void (await fail('refusal' in gate ? gate.refusal : t('action.not_found')));
    if (!s.accountActions) return void (await fail(t('diag.not_configured')));
    const stepUp = await stepUpNeeded(userId, t);
    if (stepUp) return void (await ack({ response_action: 'update', view: { ...infoModal(t, stepUp.text), blocks: stepUp.blocks } as never }));
    // Checked again at the confirmation, against fresh data: the account must still be the report's, unchanged.
    const check = await checkAccount(gate.report);
    if (check instanceof DirectoryError) return void (await fail(directoryErrorLines(check, t).join('\n')));
    if (!check || check.user.loginName !== meta.loginName || meta.identity !== identityOf(check)) return void (await fail(t('confirm.changed')));
    const pointless = nothingToDo(meta.kind, check, t);
    if (pointless) return void (await fail(pointless));
    const values = view.state?.values ?? {};
    const needsIdentity = meta.kind === 'reset_password' || meta.kind === 'unlock';
    let identity: Identity = needsIdentity ? (identityOf(check) as Identity) : 'not_needed';
    if (needsIdentity && identityOf(check) === 'unverified') {
      const checked = (values.identity?.identity_checked?.selected_options ?? []).some((o: { value: string }) => o.value === 'verified');
      if (!checked) return void (await ack({ response_action: 'errors', errors: { identity: t('confirm.identity_required') } }));
      identity = 'admin_confirmed';
    }
    if (meta.kind === 'unlock' && values.fix?.fix_choice?.selected_option?.value !== 'reset') {
      await ack();
      s.accountActions.record({ reportId: gate.report.id, kind: 'ask_to_wait', targetLoginName: check.user.loginName, by: userId, requestKey: `view:${view.id}` });
      s.outbox.kick();
      return;
    }
    const begun = s.accountActions.begin({
      reportId: gate.report.id,
      kind: meta.kind,
      targetLoginName: check.user.loginName,
      requestedBy: userId,
      identity,
      requestKey: `view:${view.id}`,
      needsApproval: check.administrator,
    });
    if (begun.kind === 'busy') return void (await fail(t('action.busy', { id: gate.report.id, kind: t(`action.kind.${begun.action.kind as ApiActionKind}`) })));
    await ack();
    deps.logger.info({ reportId: gate.report.id, actionId: begun.action.id, kind: meta.kind, outcome: begun.kind, slackUserId: userId }, 'account action confirmed');
    if (begun.kind === 'started') await run(begun.action);
    else s.outbox.kick();
  });

  router.action(ActionIds.accountActionApprove, async (args) => {
    await args.ack();
    const userId = args.body.user.id;
    const t = translator(await s.profiles.locale(userId));
    const actionId = reportIdOf((args.action as { value?: string }).value);
    const pending = actionId === null || !s.accountActions ? undefined : s.accountActions.get(actionId);
    const gate = adminGate(s, userId, pending?.reportId ?? null, t);
    if ('refusal' in gate || !pending) {
      await args.respond({ response_type: 'ephemeral', replace_original: false, text: 'refusal' in gate ? gate.refusal : t('action.not_found') });
      return;
    }
    const stepUp = await stepUpNeeded(userId, t);
    if (stepUp) {
      await args.respond({ response_type: 'ephemeral', replace_original: false, text: stepUp.text, blocks: stepUp.blocks as never });
      return;
    }
    const approved = s.accountActions!.approve(pending.id, userId);
    if (approved.kind !== 'started') {
      await args.respond({ response_type: 'ephemeral', replace_original: false, text: approved.kind === 'same_admin' ? t('action.not_admin') : t('action.not_allowed', { id: pending.reportId, state: pending.state }) });
      return;
    }
    await run(approved.action);
  });

  router.action(ActionIds.reportManualDone, async (args) => {
    await args.ack();
    const userId = args.body.user.id;
    const t = translator(await s.profiles.locale(userId));
    const gate = adminGate(s, userId, reportIdOf((args.action as { value?: string }).value), t);
    if ('refusal' in gate) {
      await args.respond({ response_type: 'ephemeral', replace_original: false, text: gate.refusal });
      return;
    }
    const { report } = gate;
    // One record per report state: a double click finds the first; after a reopen it can be recorded again.
    s.accountActions?.record({ reportId: report.id, kind: 'manual', remedy: report.remedy, targetLoginName: report.loginName, by: userId, requestKey: `manual:${report.id}:${report.updatedAt}` });
    s.outbox.kick();
  });

  router.action(ActionIds.secretReveal, async (args) => {
    await args.ack();
    const userId = args.body.user.id;
    const locale = await s.profiles.locale(userId);
    const t = translator(locale);
    const secretId = reportIdOf((args.action as { value?: string }).value);
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
        view: { type: 'modal', title: plain(t('reveal.title')), close: plain(t('tree.close')), blocks: [section(t('reveal.body', { loginName: action?.targetLoginName ?? '', password: claim.plaintext }))] },
      });
      s.secrets.erase(secretId, deps.clock.now());
    } catch (error) {
      // Not shown: the reporter may press the button again (until it expires).
      s.secrets.release(secretId);
      deps.logger.warn({ slackUserId: userId, secretId, err: (error as Error).message }, 'reveal modal could not be opened'); // ids only, never the value
    }
  });
}
