import { loginNameProblem, type LoginNameProblem } from '../../directory/login-name.js';
import type { MessageKey, Translate } from '../../i18n/index.js';
import { ReportForm } from '../ids.js';

const LOGIN_NAME_ERRORS: Record<LoginNameProblem, MessageKey> = {
  empty: 'modal.error.login_name_empty',
  too_long: 'modal.error.login_name_too_long',
  forbidden_character: 'modal.error.login_name_chars',
  surrounding_space: 'modal.error.login_name_spaces',
};

type Values = Record<string, Record<string, { value?: string | null }>>;

/** The report step's fields as typed, or the errors to show under them. */
export function readReportForm(
  values: Values,
  t: Translate,
): { ok: true; loginName: string; details: string } | { ok: false; errors: Record<string, string> } {
  const loginName = stringValue(values[ReportForm.loginName.block]?.[ReportForm.loginName.action]?.value);
  const details = stringValue(values[ReportForm.details.block]?.[ReportForm.details.action]?.value);
  const errors: Record<string, string> = {};
  const problem = loginNameProblem(loginName);
  if (problem) errors[ReportForm.loginName.block] = t(LOGIN_NAME_ERRORS[problem]);
  if ([...details].length > 2000) errors[ReportForm.details.block] = t('modal.error.details_too_long');
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, loginName, details };
}

function stringValue(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
