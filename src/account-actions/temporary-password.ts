import { randomInt } from 'node:crypto';
import { MAX_PASSWORD_LENGTH, type PasswordKind } from '../settings/environment-settings.js';

/** No 0/O, 1/l/I: the reporter may have to read it off one screen and type it into another. */
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const DIGITS = '23456789';
/**
 * Which symbols cybozu counts is not documented (unconfirmed): these ASCII ones are on every keyboard layout, need
 * no escaping anywhere, and avoid quotes, backslash and space, which people misread or paste badly.
 */
const SYMBOLS = '!#$%&*+-=?@_';

export interface PasswordPolicy {
  /** The environment's minimum; we never go below 12. At most 64 (cybozu's limit). */
  minLength: number;
  /** Character kinds the environment requires. */
  kinds: readonly PasswordKind[];
}

export const MIN_GENERATED_LENGTH = 12;
export const DEFAULT_POLICY: PasswordPolicy = { minLength: 8, kinds: ['letters', 'digits'] };

/**
 * A temporary password meeting the environment's policy (length, required kinds), always with letters and digits,
 * and never equal to or containing the login name (whatever the policy says: it is never a good password).
 */
export function temporaryPassword(loginName: string, policy: PasswordPolicy = DEFAULT_POLICY): string {
  const length = Math.min(MAX_PASSWORD_LENGTH, Math.max(MIN_GENERATED_LENGTH, policy.minLength));
  const symbols = policy.kinds.includes('symbols');
  const alphabet = UPPER + LOWER + DIGITS + (symbols ? SYMBOLS : '');
  // Rejection sampling: uniform over the passwords that meet the policy.
  for (;;) {
    const password = Array.from({ length }, () => alphabet[randomInt(alphabet.length)]!).join('');
    if (meetsPolicy(password, loginName, policy)) return password;
  }
}

/** Whether a password has the policy's length and kinds (plus letters and digits) and does not contain the login name. */
export function meetsPolicy(password: string, loginName: string, policy: PasswordPolicy): boolean {
  const containsLogin = loginName !== '' && password.toLowerCase().includes(loginName.toLowerCase());
  return (
    password.length >= Math.max(policy.minLength, 1) &&
    password.length <= MAX_PASSWORD_LENGTH &&
    /[A-Za-z]/.test(password) &&
    /[0-9]/.test(password) &&
    (!policy.kinds.includes('mixed_case') || (/[A-Z]/.test(password) && /[a-z]/.test(password))) &&
    (!policy.kinds.includes('symbols') || /[^A-Za-z0-9]/.test(password)) &&
    !containsLogin
  );
}
