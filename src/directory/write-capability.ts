// Can the configured credentials change users? `GET /v1/users.json` needs no privilege, so a working read proves
// nothing: the first reset would fail in front of the employee. This finds out before, as far as cybozu lets us.

import type { Logger } from '../logger.js';
import type { DirectoryAuth } from './auth.js';
import { DirectoryError } from './errors.js';

/** Which credentials the bot uses; never the password or token themselves. */
export type AuthAccount = { kind: 'token' } | { kind: 'password'; login: string };

export function authAccountOf(auth: DirectoryAuth): AuthAccount {
  return auth.kind === 'token' ? { kind: 'token' } : { kind: 'password', login: auth.login };
}

/** A write cybozu refused with CB_NO02, kept until a write succeeds. */
export interface WriteRefusal {
  firstSeenAt: number;
  lastSeenAt: number;
  cybozuErrorId: string | null;
}

/** Where refusals are remembered (the database in the app), per auth method. */
export interface WriteRefusals {
  current(auth: AuthAccount['kind']): WriteRefusal | null;
  record(auth: AuthAccount['kind'], p: { now: number; cybozuErrorId: string | null }): void;
  clear(auth: AuthAccount['kind']): void;
}

/**
 * - `administrator`: password auth, and CYBOZU_LOGIN is in the Administrators group (共通管理者): it can write.
 * - `not_administrator`: password auth with an account outside Administrators: every write will be refused.
 * - `scope_unknown`: an API token; its scope cannot be read, so nothing is known until a write is tried.
 * - `refused`: a write was refused for lack of privilege (CB_NO02) and no write has succeeded since.
 * - `unknown`: the check itself failed (`problem` is the directory error kind).
 */
export type WriteCapability =
  | { auth: 'password'; verdict: 'administrator' | 'not_administrator' }
  | { auth: 'token'; verdict: 'scope_unknown' }
  | { auth: AuthAccount['kind']; verdict: 'refused'; since: number; cybozuErrorId: string | null }
  | { auth: AuthAccount['kind'] | 'unknown'; verdict: 'unknown'; problem: string };

/** Whether admins must be warned: the credentials cannot (or may not) change users. */
export function writesBlocked(capability: WriteCapability): boolean {
  return capability.verdict === 'not_administrator' || capability.verdict === 'refused';
}

/** What an operator does when cybozu.com refuses writes, for the auth method in use. */
export function writeFix(auth: AuthAccount['kind']): string {
  return auth === 'token'
    ? 'the API token needs the "Read and Write" scope ("Dangerous Zone" for members of Administrators); issue one and set CYBOZU_API_TOKEN'
    : 'CYBOZU_LOGIN must be a cybozu.com common administrator (Administrators group)';
}

/** The start-up line: whether the credentials can change users, and the fix when they cannot. */
export function logWriteCapability(logger: Logger, writes: WriteCapability): void {
  if (writes.verdict === 'not_administrator') {
    logger.warn(
      { writes },
      'cybozu.com credentials cannot change users: CYBOZU_LOGIN is not a cybozu.com common administrator (Administrators group); add it to Administrators or configure an administrator',
    );
  } else if (writesBlocked(writes)) {
    logger.warn(
      { writes },
      `cybozu.com credentials cannot change users: a change was refused (CB_NO02) and none has succeeded since; ${writeFix(writes.auth === 'token' ? 'token' : 'password')}`,
    );
  } else if (writes.verdict === 'scope_unknown') {
    logger.info(
      { writes },
      'cybozu.com API token: its scope cannot be read; password resets and resumes need "Read and Write" ("Dangerous Zone" for members of Administrators)',
    );
  } else if (writes.verdict === 'unknown') {
    logger.warn({ writes }, 'cybozu.com credentials: could not check whether they can change users');
  } else {
    logger.info({ writes }, 'cybozu.com credentials can change users (CYBOZU_LOGIN is a common administrator)');
  }
}

/**
 * Whether a failed request means "the credentials lack the privilege": CB_NO02 ("No privilege to proceed."), or
 * any other cybozu 403 JSON (kind 'forbidden'; an IP restriction page is 'ip_restricted' and does not count).
 */
export function isPrivilegeRefusal(error: unknown): boolean {
  return error instanceof DirectoryError && error.kind === 'forbidden';
}

/**
 * The verdict for these credentials. For password auth one read of `GET /v1/user/groups.json?code=<login>`
 * (an Administrators member is a 共通管理者); a refusal of that read itself (CB_NO02) also means "not an
 * administrator" — the safe reading, as whether a non-administrator may read groups is not documented.
 */
export async function checkWriteCapability(p: {
  account: AuthAccount | undefined;
  isAdministrator: (login: string) => Promise<boolean>;
  refusals: WriteRefusals;
}): Promise<WriteCapability> {
  const { account } = p;
  if (!account) return { auth: 'unknown', verdict: 'unknown', problem: 'not_known' };
  if (account.kind === 'password') {
    let administrator: boolean;
    try {
      administrator = await p.isAdministrator(account.login);
    } catch (error) {
      if (isPrivilegeRefusal(error)) return { auth: 'password', verdict: 'not_administrator' };
      return {
        auth: 'password',
        verdict: 'unknown',
        problem: error instanceof DirectoryError ? error.kind : 'unexpected',
      };
    }
    if (!administrator) return { auth: 'password', verdict: 'not_administrator' };
  }
  const refusal = p.refusals.current(account.kind);
  if (refusal)
    return { auth: account.kind, verdict: 'refused', since: refusal.lastSeenAt, cybozuErrorId: refusal.cybozuErrorId };
  return account.kind === 'password'
    ? { auth: 'password', verdict: 'administrator' }
    : { auth: 'token', verdict: 'scope_unknown' };
}
