// What the directory can tell about why someone cannot log in: a pure function from facts to
// findings with stable codes. No text: the app's i18n renders the codes.
// The API cannot see lockouts, two-factor state or password expiry, so those never appear here.

import { BUILT_IN_ADMINISTRATOR_LOGIN, type DirectoryUser, type ServiceName } from './port.js';

export interface AccountFacts {
  /** null: no account has the login name that was looked up. */
  user: DirectoryUser | null;
  /** null: not looked up (or the lookup failed); no kintone finding is made. */
  services: ServiceName[] | null;
  /** How many accounts, this one included, have this account's e-mail address. */
  accountsSharingEmail: number;
  /** The "users may reset their own password" setting, when known (the API cannot read it). */
  selfServiceResetAllowed?: boolean;
  /** SAML authentication is required (environment settings): people sign in at the IdP, not with a cybozu.com password. */
  samlRequired?: boolean;
}

export type FindingCode =
  | 'not_found'
  | 'active'
  | 'suspended'
  | 'kintone_assigned'
  | 'kintone_missing'
  | 'email_ok'
  | 'email_missing'
  | 'email_shared'
  | 'self_reset_disabled'
  | 'saml_required';

/**
 * What fixes a problem: `resume` (admin sets 使用中), `assign_kintone` (admin assigns the
 * service), `reset_password` (an admin sets a new password, because self-service reset cannot
 * work), `look_up_login_name` (an admin looks the account up: the name is probably mistyped).
 */
export type Remedy = 'resume' | 'assign_kintone' | 'reset_password' | 'look_up_login_name';

export interface Finding {
  code: FindingCode;
  severity: 'ok' | 'problem';
  remedy?: Remedy;
}

/** Findings in a stable order: account state, kintone, e-mail, self-service reset. */
export function diagnoseAccount(facts: AccountFacts): Finding[] {
  const { user, services, accountsSharingEmail, selfServiceResetAllowed, samlRequired } = facts;
  if (!user) return [{ code: 'not_found', severity: 'problem', remedy: 'look_up_login_name' }];

  const findings: Finding[] = [
    user.active
      ? { code: 'active', severity: 'ok' }
      : { code: 'suspended', severity: 'problem', remedy: 'resume' },
  ];

  // The services API does not list the built-in Administrator: its empty list says nothing about kintone.
  if (services && user.loginName !== BUILT_IN_ADMINISTRATOR_LOGIN) {
    findings.push(
      services.includes('kintone')
        ? { code: 'kintone_assigned', severity: 'ok' }
        : { code: 'kintone_missing', severity: 'problem', remedy: 'assign_kintone' },
    );
  }

  // With SAML required the password that matters is the IdP's: no advice about cybozu.com's reset.
  if (samlRequired) {
    findings.push({ code: 'saml_required', severity: 'ok' });
    return findings;
  }
  // Switched off: nobody can reset by e-mail, whatever the e-mail address (email_ok would promise it).
  if (selfServiceResetAllowed === false) {
    findings.push({ code: 'self_reset_disabled', severity: 'problem', remedy: 'reset_password' });
    return findings;
  }

  // Self-service reset needs an e-mail that belongs to this account alone.
  const hasEmail = user.email !== null && user.email.trim() !== '';
  if (!hasEmail) findings.push({ code: 'email_missing', severity: 'problem', remedy: 'reset_password' });
  else if (accountsSharingEmail > 1) findings.push({ code: 'email_shared', severity: 'problem', remedy: 'reset_password' });
  else findings.push({ code: 'email_ok', severity: 'ok' });
  return findings;
}

/** true when any finding needs someone to act. */
export function hasProblem(findings: readonly Finding[]): boolean {
  return findings.some((finding) => finding.severity === 'problem');
}
