// What the directory can tell about why someone cannot log in: a pure function from facts to
// findings with stable codes. No text: the app's i18n renders the codes.
// The API cannot see lockouts, two-factor state or password expiry, so those never appear here.

import { DirectoryError, DirectoryUnexpectedError } from '../directory/errors.js';
import {
  BUILT_IN_ADMINISTRATOR_LOGIN,
  type Directory,
  type DirectoryUser,
  type ServiceName,
} from '../directory/port.js';

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
export type FindingRemedy = 'resume' | 'assign_kintone' | 'reset_password' | 'look_up_login_name';

export interface Finding {
  code: FindingCode;
  severity: 'ok' | 'problem';
  remedy?: FindingRemedy;
}

/** Findings in a stable order: account state, kintone, e-mail, self-service reset. */
export function diagnoseAccount(facts: AccountFacts): Finding[] {
  const { user, services, accountsSharingEmail, selfServiceResetAllowed, samlRequired } = facts;
  if (!user) return [{ code: 'not_found', severity: 'problem', remedy: 'look_up_login_name' }];

  const findings: Finding[] = [
    user.active ? { code: 'active', severity: 'ok' } : { code: 'suspended', severity: 'problem', remedy: 'resume' },
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
  else if (accountsSharingEmail > 1)
    findings.push({ code: 'email_shared', severity: 'problem', remedy: 'reset_password' });
  else findings.push({ code: 'email_ok', severity: 'ok' });
  return findings;
}

/** true when any finding needs someone to act. */
export function hasProblem(findings: readonly Finding[]): boolean {
  return findings.some((finding) => finding.severity === 'problem');
}

/** Whose account to check: by login name (admins), or by the e-mail in someone's Slack profile. */
export type AccountLookup = { by: 'login_name'; loginName: string } | { by: 'email'; email: string | null };

export interface AccountDiagnosis {
  user: DirectoryUser | null;
  findings: Finding[];
}

export type AccountOutcome =
  | { kind: 'diagnosed'; accounts: AccountDiagnosis[] }
  /** The Slack profile has no e-mail, so there is nothing to look up by. */
  | { kind: 'no_email' }
  /** No account has this e-mail. */
  | { kind: 'no_account_for_email'; email: string }
  | { kind: 'error'; error: DirectoryError };

/** At most this many accounts are diagnosed for one e-mail (more means the e-mail is shared anyway). */
const MAX_ACCOUNTS = 3;

/** What the environment settings add to the account's findings (the API cannot read them). */
export interface LoginPolicy {
  selfServiceResetAllowed: boolean;
  samlRequired: boolean;
}

/** Reads the facts the User API has about an account and turns them into findings. Domain only: no Slack. */
export async function diagnoseLookup(
  directory: Directory,
  lookup: AccountLookup,
  policy?: LoginPolicy,
): Promise<AccountOutcome> {
  try {
    if (lookup.by === 'login_name') {
      const user = await directory.findByLoginName(lookup.loginName);
      if (!user)
        return {
          kind: 'diagnosed',
          accounts: [
            {
              user: null,
              findings: diagnoseAccount({ user: null, services: null, accountsSharingEmail: 0, ...policy }),
            },
          ],
        };
      return { kind: 'diagnosed', accounts: [await diagnoseUser(directory, user, policy)] };
    }
    if (!lookup.email) return { kind: 'no_email' };
    const users = await directory.findByEmail(lookup.email);
    if (users.length === 0) return { kind: 'no_account_for_email', email: lookup.email };
    const accounts: AccountDiagnosis[] = [];
    for (const user of users.slice(0, MAX_ACCOUNTS))
      accounts.push(await diagnoseUser(directory, user, policy, users.length));
    return { kind: 'diagnosed', accounts };
  } catch (error) {
    return {
      kind: 'error',
      error:
        error instanceof DirectoryError
          ? error
          : new DirectoryUnexpectedError(error instanceof Error ? error.message : String(error), {}, { cause: error }),
    };
  }
}

async function diagnoseUser(
  directory: Directory,
  user: DirectoryUser,
  policy: LoginPolicy | undefined,
  knownSharing?: number,
): Promise<AccountDiagnosis> {
  const [services, sharing] = await Promise.all([
    directory.services(user.loginName),
    knownSharing !== undefined || !user.email
      ? Promise.resolve(knownSharing ?? 0)
      : directory.findByEmail(user.email).then((u) => u.length),
  ]);
  return { user, findings: diagnoseAccount({ user, services, accountsSharingEmail: sharing, ...policy }) };
}
