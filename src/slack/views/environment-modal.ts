import type { MessageKey, Translate } from '../../i18n/index.js';
import {
  CYBOZU_DEFAULTS,
  environmentSettingsSchema,
  MAX_LOCKOUT_FAILURES,
  MAX_LOCKOUT_MINUTES,
  MAX_LOGIN_FAILURE_MESSAGE,
  MAX_PASSWORD_LENGTH,
  MAX_SELF_SERVICE_COOLDOWN_HOURS,
  MAX_SIGN_IN_FRESHNESS_MINUTES,
  PASSWORD_KINDS,
  SELF_SERVICE_DEFAULTS,
  type EnvironmentSettings,
} from '../../settings/environment-settings.js';
import { CallbackIds } from '../ids.js';
import { context, formModal, plain } from './blocks.js';

/** Block ids of the form (each block's single element has the action id `value`). */
export const EnvironmentForm = {
  lockout: 'lockout',
  lockoutFailures: 'lockout_failures',
  lockoutMinutes: 'lockout_minutes',
  passwordLength: 'password_length',
  passwordKinds: 'password_kinds',
  options: 'options',
  saml: 'saml',
  message: 'login_failure_message',
  selfService: 'self_service',
  selfServiceCooldown: 'self_service_cooldown',
  selfServiceFreshness: 'self_service_freshness',
} as const;
export const FORM_ACTION = 'value';

const LOCKOUT_MODES = ['off', 'timed', 'never'] as const;
type LockoutMode = (typeof LOCKOUT_MODES)[number];
const OPTIONS = ['not_login_name', 'users_change', 'must_change', 'self_reset'] as const;
const SAML_OPTIONS = ['required', 'admin_password'] as const;
const SELF_SERVICE_OPTIONS = ['reset_password', 'unlock'] as const;

function lockoutMode(s: EnvironmentSettings): LockoutMode {
  if (!s.lockout.enabled) return 'off';
  return s.lockout.unlockAfterMinutes === null ? 'never' : 'timed';
}

const option = (text: string, value: string) => ({ text: plain(text), value });

function checkboxes(
  t: Translate,
  block: string,
  label: MessageKey,
  options: ReturnType<typeof option>[],
  selected: readonly string[],
) {
  const initial = options.filter((o) => selected.includes(o.value));
  return {
    type: 'input',
    block_id: block,
    optional: true,
    label: plain(t(label)),
    element: {
      type: 'checkboxes',
      action_id: FORM_ACTION,
      options,
      ...(initial.length > 0 ? { initial_options: initial } : {}),
    },
  };
}

function numberInput(
  t: Translate,
  block: string,
  label: MessageKey,
  value: number | null,
  p: { min: number; max: number; optional?: boolean; hint?: MessageKey },
) {
  return {
    type: 'input',
    block_id: block,
    optional: p.optional ?? false,
    label: plain(t(label)),
    ...(p.hint ? { hint: plain(t(p.hint)) } : {}),
    element: {
      type: 'number_input',
      action_id: FORM_ACTION,
      is_decimal_allowed: false,
      min_value: String(p.min),
      max_value: String(p.max),
      ...(value !== null ? { initial_value: String(value) } : {}),
    },
  };
}

/** The admins' editor of the environment settings, opened from App Home. */
export function environmentModal(t: Translate, s: EnvironmentSettings) {
  const modes = LOCKOUT_MODES.map((m) => option(t(`environment.lockout.${m}`), m));
  const kinds = PASSWORD_KINDS.map((k) => option(t(`environment.kind.${k}`), k));
  const options = OPTIONS.map((o) => option(t(`environment.option.${o}`), o));
  const saml = SAML_OPTIONS.map((o) => option(t(`environment.saml.${o}`), o));
  const selectedOptions = [
    ...(s.password.notLoginName ? ['not_login_name'] : []),
    ...(s.usersMayChangePassword ? ['users_change'] : []),
    ...(s.mustChangeTemporaryPassword ? ['must_change'] : []),
    ...(s.selfReset ? ['self_reset'] : []),
  ];
  const selectedSaml = [
    ...(s.saml.required ? ['required'] : []),
    ...(s.saml.passwordLoginForAdmins ? ['admin_password'] : []),
  ];
  return formModal({
    callbackId: CallbackIds.environmentModal,
    title: t('environment.title'),
    submit: t('environment.save'),
    close: t('modal.cancel'),
    blocks: [
      context(t('environment.intro')),
      {
        type: 'input',
        block_id: EnvironmentForm.lockout,
        label: plain(t('environment.lockout.label')),
        element: {
          type: 'radio_buttons',
          action_id: FORM_ACTION,
          options: modes,
          initial_option: modes.find((m) => m.value === lockoutMode(s)),
        },
      },
      numberInput(t, EnvironmentForm.lockoutFailures, 'environment.lockout_failures.label', s.lockout.failures, {
        min: 1,
        max: MAX_LOCKOUT_FAILURES,
      }),
      numberInput(
        t,
        EnvironmentForm.lockoutMinutes,
        'environment.lockout_minutes.label',
        s.lockout.unlockAfterMinutes,
        {
          min: 1,
          max: MAX_LOCKOUT_MINUTES,
          optional: true,
          hint: 'environment.lockout_minutes.hint',
        },
      ),
      numberInput(t, EnvironmentForm.passwordLength, 'environment.password_length.label', s.password.minLength, {
        min: 1,
        max: MAX_PASSWORD_LENGTH,
      }),
      checkboxes(t, EnvironmentForm.passwordKinds, 'environment.password_kinds.label', kinds, s.password.kinds),
      checkboxes(t, EnvironmentForm.options, 'environment.options.label', options, selectedOptions),
      checkboxes(t, EnvironmentForm.saml, 'environment.saml.label', saml, selectedSaml),
      {
        type: 'input',
        block_id: EnvironmentForm.message,
        optional: true,
        label: plain(t('environment.message.label')),
        hint: plain(t('environment.message.hint')),
        element: {
          type: 'plain_text_input',
          action_id: FORM_ACTION,
          multiline: true,
          max_length: MAX_LOGIN_FAILURE_MESSAGE,
          ...(s.loginFailureMessage ? { initial_value: s.loginFailureMessage } : {}),
        },
      },
      ...selfServiceBlocks(t, s),
    ],
  });
}

/** Self-service (issue 15): per remedy, the cooldown and the sign-in freshness. */
function selfServiceBlocks(t: Translate, s: EnvironmentSettings): unknown[] {
  const options = SELF_SERVICE_OPTIONS.map((o) => option(t(`environment.self_service.${o}`), o));
  const selected = [
    ...(s.selfService.resetPassword ? ['reset_password'] : []),
    ...(s.selfService.unlock ? ['unlock'] : []),
  ];
  return [
    context(t('environment.self_service.intro')),
    checkboxes(t, EnvironmentForm.selfService, 'environment.self_service.label', options, selected),
    numberInput(
      t,
      EnvironmentForm.selfServiceCooldown,
      'environment.self_service.cooldown',
      s.selfService.cooldownHours,
      { min: 1, max: MAX_SELF_SERVICE_COOLDOWN_HOURS, optional: true },
    ),
    numberInput(
      t,
      EnvironmentForm.selfServiceFreshness,
      'environment.self_service.freshness',
      s.selfService.signInFreshnessMinutes,
      {
        min: 1,
        max: MAX_SIGN_IN_FRESHNESS_MINUTES,
        optional: true,
        hint: 'environment.self_service.freshness_hint',
      },
    ),
  ];
}

type StateValues = Record<
  string,
  Record<
    string,
    { value?: string | null; selected_option?: { value?: string } | null; selected_options?: { value?: string }[] }
  >
>;

/**
 * Reads the submitted form. Nothing from the client is trusted: every value is checked again here (Slack's own
 * min/max are only hints), and problems come back as field errors in the admin's language.
 */
export function readEnvironmentForm(
  values: StateValues,
  t: Translate,
): { ok: true; settings: EnvironmentSettings } | { ok: false; errors: Record<string, string> } {
  const field = (block: string) => values[block]?.[FORM_ACTION];
  const selected = (block: string) => new Set((field(block)?.selected_options ?? []).map((o) => String(o.value)));
  const errors: Record<string, string> = {};
  const integer = (block: string, min: number, max: number, required: boolean): number | null => {
    const raw = String(field(block)?.value ?? '').trim();
    if (raw === '' && !required) return null;
    const n = /^[0-9]{1,6}$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isInteger(n) || n < min || n > max) {
      errors[block] = t('environment.error.number', { min, max });
      return null;
    }
    return n;
  };
  const mode = String(field(EnvironmentForm.lockout)?.selected_option?.value ?? '');
  if (!(LOCKOUT_MODES as readonly string[]).includes(mode))
    errors[EnvironmentForm.lockout] = t('environment.error.lockout');
  const failures = integer(EnvironmentForm.lockoutFailures, 1, MAX_LOCKOUT_FAILURES, true);
  const minutes = integer(EnvironmentForm.lockoutMinutes, 1, MAX_LOCKOUT_MINUTES, false);
  if (mode === 'timed' && minutes === null && !errors[EnvironmentForm.lockoutMinutes])
    errors[EnvironmentForm.lockoutMinutes] = t('environment.error.minutes_needed');
  const minLength = integer(EnvironmentForm.passwordLength, 1, MAX_PASSWORD_LENGTH, true);
  // Optional fields: left empty, the defaults (24 hours, 5 minutes) apply.
  const cooldownHours =
    integer(EnvironmentForm.selfServiceCooldown, 1, MAX_SELF_SERVICE_COOLDOWN_HOURS, false) ??
    SELF_SERVICE_DEFAULTS.cooldownHours;
  const freshnessMinutes =
    integer(EnvironmentForm.selfServiceFreshness, 1, MAX_SIGN_IN_FRESHNESS_MINUTES, false) ??
    SELF_SERVICE_DEFAULTS.signInFreshnessMinutes;
  const message = String(field(EnvironmentForm.message)?.value ?? '').trim();
  if (message.length > MAX_LOGIN_FAILURE_MESSAGE)
    errors[EnvironmentForm.message] = t('environment.error.too_long', { max: MAX_LOGIN_FAILURE_MESSAGE });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const kinds = selected(EnvironmentForm.passwordKinds);
  const options = selected(EnvironmentForm.options);
  const saml = selected(EnvironmentForm.saml);
  const selfService = selected(EnvironmentForm.selfService);
  const candidate = {
    lockout: {
      enabled: mode !== 'off',
      failures: failures!,
      unlockAfterMinutes: mode === 'never' ? null : (minutes ?? null),
    },
    password: {
      minLength: minLength!,
      kinds: PASSWORD_KINDS.filter((k) => kinds.has(k)),
      notLoginName: options.has('not_login_name'),
    },
    usersMayChangePassword: options.has('users_change'),
    mustChangeTemporaryPassword: options.has('must_change'),
    selfReset: options.has('self_reset'),
    saml: { required: saml.has('required'), passwordLoginForAdmins: saml.has('admin_password') },
    loginFailureMessage: message,
    selfService: {
      resetPassword: selfService.has('reset_password'),
      unlock: selfService.has('unlock'),
      cooldownHours,
      signInFreshnessMinutes: freshnessMinutes,
    },
  };
  // "off" with no minutes: store cybozu's default so the record stays valid and a later "timed" has a value.
  if (mode === 'off' && candidate.lockout.unlockAfterMinutes === null)
    candidate.lockout.unlockAfterMinutes = CYBOZU_DEFAULTS.lockout.unlockAfterMinutes;
  const parsed = environmentSettingsSchema.safeParse(candidate);
  if (!parsed.success) return { ok: false, errors: { [EnvironmentForm.lockout]: t('environment.error.lockout') } };
  return { ok: true, settings: parsed.data };
}
