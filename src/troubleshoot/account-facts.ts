import { BUILT_IN_ADMINISTRATOR_LOGIN, type Directory } from '../directory/port.js';
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
  // The services API does not list the built-in Administrator: its empty list says nothing about kintone.
  const builtIn = user.loginName === BUILT_IN_ADMINISTRATOR_LOGIN;
  const services = builtIn ? null : await directory.services(user.loginName);
  return {
    loginName: user.loginName,
    facts: {
      account_exists: 'yes',
      account_active: user.active ? 'yes' : 'no',
      ...(services ? { kintone_assigned: services.includes('kintone') ? ('yes' as const) : ('no' as const) } : {}),
      email_usable_for_reset: 'yes',
    },
  };
}

/** How long what the directory said about an e-mail is reused when the troubleshooter is opened again. */
export const ACCOUNT_FACTS_TTL_MS = 60_000;
const MAX_REMEMBERED = 10_000;

/**
 * accountFactsForEmail, remembered per e-mail for ACCOUNT_FACTS_TTL_MS: opening the troubleshooter again and
 * again asks cybozu.com at most once a minute per account (failures are not remembered).
 */
export function rememberedAccountFacts(
  directory: Directory,
  now: () => number,
): (email: string | null) => Promise<KnownAccount> {
  const remembered = new Map<string, { at: number; known: KnownAccount }>();
  return async (email) => {
    if (!email) return { facts: {} };
    const key = email.trim().toLowerCase();
    const hit = remembered.get(key);
    if (hit && now() - hit.at >= 0 && now() - hit.at < ACCOUNT_FACTS_TTL_MS) return hit.known;
    const known = await accountFactsForEmail(directory, email);
    if (remembered.size >= MAX_REMEMBERED && !remembered.has(key))
      remembered.delete(remembered.keys().next().value as string);
    remembered.set(key, { at: now(), known });
    return known;
  };
}
