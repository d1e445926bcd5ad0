import type { Translate } from '../../i18n/index.js';
import { temporaryPasswordFate, type EnvironmentSettings } from '../../settings/environment-settings.js';

/**
 * What setting a cybozu.com password means where SAML is required: it does not get people in (their IdP password
 * does); only administrators logging in without SAML use it, if that stays open. Empty when SAML is not required.
 */
export function samlPasswordNotes(
  settings: EnvironmentSettings,
  t: Translate,
  p: { loginUrl: string; targetIsAdministrator?: boolean },
): string[] {
  if (!settings.saml.required) return [];
  const fallback = !settings.saml.passwordLoginForAdmins
    ? t('confirm.saml.no_fallback')
    : p.targetIsAdministrator
      ? t('confirm.saml.fallback_admin_target', { loginUrl: p.loginUrl })
      : t('confirm.saml.fallback_admins', { loginUrl: p.loginUrl });
  return [t('confirm.saml.reset_does_not_help'), fallback];
}

/** The manual steps' word on what happens to a password an admin sets here. */
export function manualPasswordFate(settings: EnvironmentSettings, t: Translate): string {
  return t(`manual.password_fate.${temporaryPasswordFate(settings)}`);
}

/** The environment settings in a few lines, for an admin's `diagnose`. */
export function environmentSummaryText(settings: EnvironmentSettings, t: Translate, p: { saved: boolean }): string {
  const onOff = (on: boolean) => t(on ? 'environment.summary.on' : 'environment.summary.off');
  const { lockout, password, saml } = settings;
  const lockoutLine = !lockout.enabled
    ? t('environment.summary.lockout_off')
    : lockout.unlockAfterMinutes === null
      ? t('environment.summary.lockout_never', { failures: lockout.failures })
      : t('environment.summary.lockout_timed', { failures: lockout.failures, minutes: lockout.unlockAfterMinutes });
  const kinds =
    password.kinds.length > 0
      ? password.kinds.map((k) => t(`environment.kind.${k}`)).join(' / ')
      : t('environment.summary.no_kinds');
  const lines = [
    t('environment.summary.title'),
    ...(p.saved ? [] : [t('environment.summary.defaults')]),
    `• ${lockoutLine}`,
    `• ${t('environment.summary.policy', { length: password.minLength, kinds, notLoginName: password.notLoginName ? t('environment.summary.not_login_name') : '' })}`,
    `• ${t('environment.summary.change', { users: onOff(settings.usersMayChangePassword), must: onOff(settings.mustChangeTemporaryPassword) })}`,
    `• ${t('environment.summary.self_reset', { value: onOff(settings.selfReset) })}`,
    `• ${saml.required ? t('environment.summary.saml_required', { admins: onOff(saml.passwordLoginForAdmins) }) : t('environment.summary.saml_off')}`,
  ];
  return lines.join('\n');
}
