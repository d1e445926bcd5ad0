import type { Directory } from '../directory/port.js';
import type { Facts } from './schema.js';

export interface KnownAccount {
  facts: Facts;
  /** The account's login name when exactly one account has the e-mail: offered as the report's default. */
  loginName?: string;
}

/**
 * What the directory says about the account behind a Slack e-mail, as troubleshooter facts. Only a single
 * match counts: an e-mail that finds nothing may just be registered differently, so "no account" is never
 * concluded from it. Failures mean "no facts": the user is simply asked.
 */
export async function accountFactsForEmail(directory: Directory, email: string | null): Promise<KnownAccount> {
  if (!email) return { facts: {} };
  const users = await directory.findByEmail(email);
  if (users.length > 1) return { facts: { email_usable_for_reset: 'no' } };
  const user = users[0];
  if (!user) return { facts: {} };
  const services = await directory.services(user.loginName);
  return {
    loginName: user.loginName,
    facts: {
      account_exists: 'yes',
      account_active: user.active ? 'yes' : 'no',
      kintone_assigned: services.includes('kintone') ? 'yes' : 'no',
      email_usable_for_reset: 'yes',
    },
  };
}
