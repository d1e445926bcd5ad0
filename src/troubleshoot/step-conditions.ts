/**
 * Which of a leaf's steps apply here: self-reset advice only where the e-mail reset can work, the SAML warning only
 * where SAML is required, what happens to an admin-set password as the settings say.
 */
import { temporaryPasswordFate, type EnvironmentSettings } from '../settings/environment-settings.js';
import type { Facts, LeafStep, StepCondition } from './schema.js';

/** The conditions that hold for this environment and what is known about the user's account. */
export function stepConditions(settings: EnvironmentSettings, facts: Facts): ReadonlySet<StepCondition> {
  const holds = new Set<StepCondition>();
  // With SAML required people sign in at the IdP: cybozu's own reset page is not where their password lives.
  if (settings.selfReset && !settings.saml.required && facts.email_usable_for_reset !== 'no') holds.add('self_reset');
  if (settings.saml.required) holds.add('saml_required');
  if (settings.saml.required && settings.saml.passwordLoginForAdmins) holds.add('saml_admin_password_login');
  const fate = temporaryPasswordFate(settings);
  if (fate === 'changed_at_login') holds.add('forced_change');
  if (fate === 'change_yourself') holds.add('change_yourself');
  return holds;
}

/** The steps to show, in order. */
export function visibleSteps<S extends LeafStep>(steps: readonly S[], holds: ReadonlySet<StepCondition>): S[] {
  return steps.filter(
    (step) =>
      (step.when === undefined || holds.has(step.when)) && (step.unless === undefined || !holds.has(step.unless)),
  );
}
