import { randomInt } from 'node:crypto';

/** No 0/O, 1/l/I: the reporter may have to read it off one screen and type it into another. */
const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const DIGITS = '23456789';

export interface PasswordPolicy {
  /** cybozu's default minimum is 8; we use 12. At most 64 (cybozu's limit). */
  length: number;
}

export const DEFAULT_POLICY: PasswordPolicy = { length: 12 };

/**
 * A temporary password meeting cybozu's default complexity (letters and digits) and never equal to (or
 * containing) the login name. cybozu asks for a new one at the next login (admin-set passwords, by default).
 */
export function temporaryPassword(loginName: string, policy: PasswordPolicy = DEFAULT_POLICY): string {
  const length = Math.min(64, Math.max(12, policy.length));
  const alphabet = LETTERS + DIGITS;
  // Rejection sampling: uniform over the passwords that meet the policy.
  for (;;) {
    const password = Array.from({ length }, () => alphabet[randomInt(alphabet.length)]!).join('');
    const containsLogin = loginName !== '' && password.toLowerCase().includes(loginName.toLowerCase());
    if (/[A-Za-z]/.test(password) && /[0-9]/.test(password) && !containsLogin) return password;
  }
}
