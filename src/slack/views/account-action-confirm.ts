import { deliversPassword, type AccountCheck, type ApiActionKind } from '../../account-actions/account-check.js';
import type { Translate } from '../../i18n/index.js';
import {
  temporaryPasswordFate,
  timedUnlockMinutes,
  type EnvironmentSettings,
} from '../../settings/environment-settings.js';
import { CallbackIds } from '../ids.js';
import { context, escapeMrkdwn, formModal, plain, section } from './blocks.js';
import { samlPasswordNotes } from './environment-summary.js';

/** Block and action ids of the confirmation's inputs. */
export const ConfirmInputs = {
  identity: { block: 'identity', action: 'identity_checked', value: 'verified' },
  fix: { block: 'fix', action: 'fix_choice' },
} as const;

/** A modal that only says something (loading, a refusal, a directory error). */
export function infoModal(t: Translate, text: string) {
  return {
    type: 'modal' as const,
    title: plain(t('confirm.title')),
    close: plain(t('tree.close')),
    blocks: [section(text)],
  };
}

/** Why the action makes no sense for this account now, in words (directory text escaped). */
export function nothingToDoText(reason: 'already_active' | 'has_kintone', loginName: string, t: Translate): string {
  return t(reason === 'already_active' ? 'confirm.nothing.resume' : 'confirm.nothing.assign_kintone', {
    loginName: escapeMrkdwn(loginName),
  });
}

/**
 * The confirmation of an account action: the live account, the reporter's Slack e-mail against the account's,
 * and, when nothing proves the reporter owns it, the admin's own confirmation (required). Everything that comes
 * from the directory or Slack profiles is escaped. The server remembers what it showed (by view id); nothing
 * is carried in private_metadata.
 */
export function confirmModal(
  kind: ApiActionKind,
  check: AccountCheck,
  t: Translate,
  p: { secretTtlMinutes: number; settings: EnvironmentSettings; loginUrl: string },
) {
  const state = check.user.active ? t('confirm.state.active') : t('confirm.state.suspended');
  const lines = [
    t(`confirm.what.${kind}`, { loginName: escapeMrkdwn(check.user.loginName), name: escapeMrkdwn(check.user.name) }),
    t('confirm.state', { state }),
  ];
  if (deliversPassword(kind)) {
    lines.push(
      t('confirm.keeps_valid', { state }),
      t('confirm.password_delivery', { minutes: p.secretTtlMinutes }),
      t(`confirm.password_fate.${temporaryPasswordFate(p.settings)}`),
    );
  }
  if (kind === 'resume') lines.push(t('confirm.certificates'), t('confirm.resume_caution'));
  const blocks: unknown[] = [section(lines.join('\n'))];
  // With SAML required a new cybozu.com password does not get people in: the admin is told before running it.
  const saml = deliversPassword(kind)
    ? samlPasswordNotes(p.settings, t, { loginUrl: p.loginUrl, targetIsAdministrator: check.administrator })
    : [];
  if (saml.length > 0) blocks.push(section(saml.join('\n')));
  if (check.administrator) blocks.push(section(t('confirm.admin_target')));
  const proof =
    check.proof === 'sso'
      ? t('confirm.identity_sso')
      : check.proof === 'email_match'
        ? t('confirm.identity_ok')
        : t('confirm.identity_warning');
  const emails = t('confirm.emails', {
    slackEmail: escapeMrkdwn(check.slackEmail ?? '—'),
    accountEmail: escapeMrkdwn(check.user.email ?? '—'),
  });
  blocks.push(section(`${proof}\n${emails}`));
  if (check.proof === 'unverified') {
    blocks.push({
      type: 'input',
      block_id: ConfirmInputs.identity.block,
      label: plain(t('confirm.identity_required')),
      element: {
        type: 'checkboxes',
        action_id: ConfirmInputs.identity.action,
        options: [{ text: plain(t('confirm.identity_checkbox')), value: ConfirmInputs.identity.value }],
      },
    });
  }
  const minutes = timedUnlockMinutes(p.settings);
  // "Ask them to wait" only where a lockout ends by itself; with 解除しない only a new password unlocks.
  if (kind === 'unlock' && minutes === null) blocks.push(context(t('confirm.no_timed_unlock')));
  if (kind === 'unlock' && minutes !== null) {
    const wait = { text: plain(t('confirm.wait_option', { minutes })), value: 'wait' };
    blocks.push(context(t('confirm.wait_choice', { minutes })), {
      type: 'input',
      block_id: ConfirmInputs.fix.block,
      label: plain(t('confirm.choice_label')),
      element: {
        type: 'radio_buttons',
        action_id: ConfirmInputs.fix.action,
        initial_option: wait,
        options: [wait, { text: plain(t('confirm.reset_option')), value: 'reset' }],
      },
    });
  }
  return formModal({
    callbackId: CallbackIds.accountActionConfirm,
    title: t('confirm.title'),
    submit: t('confirm.submit'),
    close: t('modal.cancel'),
    blocks,
  });
}
