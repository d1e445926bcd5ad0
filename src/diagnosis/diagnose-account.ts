import { diagnoseAccount, type Finding } from '../directory/account-diagnosis.js';
import { DirectoryError, DirectoryUnexpectedError } from '../directory/errors.js';
import type { Directory, DirectoryUser } from '../directory/port.js';

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
export async function diagnoseLookup(directory: Directory, lookup: AccountLookup, policy?: LoginPolicy): Promise<AccountOutcome> {
  try {
    if (lookup.by === 'login_name') {
      const user = await directory.findByLoginName(lookup.loginName);
      if (!user) return { kind: 'diagnosed', accounts: [{ user: null, findings: diagnoseAccount({ user: null, services: null, accountsSharingEmail: 0, ...policy }) }] };
      return { kind: 'diagnosed', accounts: [await diagnoseUser(directory, user, policy)] };
    }
    if (!lookup.email) return { kind: 'no_email' };
    const users = await directory.findByEmail(lookup.email);
    if (users.length === 0) return { kind: 'no_account_for_email', email: lookup.email };
    const accounts: AccountDiagnosis[] = [];
    for (const user of users.slice(0, MAX_ACCOUNTS)) accounts.push(await diagnoseUser(directory, user, policy, users.length));
    return { kind: 'diagnosed', accounts };
  } catch (error) {
    return { kind: 'error', error: error instanceof DirectoryError ? error : new DirectoryUnexpectedError(error instanceof Error ? error.message : String(error), {}, { cause: error }) };
  }
}

async function diagnoseUser(directory: Directory, user: DirectoryUser, policy: LoginPolicy | undefined, knownSharing?: number): Promise<AccountDiagnosis> {
  const [services, sharing] = await Promise.all([
    directory.services(user.loginName),
    knownSharing !== undefined || !user.email ? Promise.resolve(knownSharing ?? 0) : directory.findByEmail(user.email).then((u) => u.length),
  ]);
  return { user, findings: diagnoseAccount({ user, services, accountsSharingEmail: sharing, ...policy }) };
}
