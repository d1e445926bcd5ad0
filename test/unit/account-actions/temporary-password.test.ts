import { describe, expect, it } from 'vitest';
import {
  meetsPolicy,
  temporaryPassword,
  type PasswordPolicy,
} from '../../../src/account-actions/temporary-password.js';

describe('temporary passwords follow the environment’s policy', () => {
  const policies: [string, PasswordPolicy][] = [
    ['cybozu default (8, letters and digits)', { minLength: 8, kinds: ['letters', 'digits'] }],
    ['16 with symbols and both cases', { minLength: 16, kinds: ['letters', 'digits', 'symbols', 'mixed_case'] }],
    ['64, the most cybozu allows', { minLength: 64, kinds: ['symbols'] }],
    ['no kinds required', { minLength: 1, kinds: [] }],
  ];
  it.each(policies)('%s', (_name, policy) => {
    for (let i = 0; i < 200; i++) {
      const password = temporaryPassword('ab', policy);
      expect(meetsPolicy(password, 'ab', policy)).toBe(true);
      expect(password.length).toBe(Math.min(64, Math.max(12, policy.minLength)));
      expect(password.toLowerCase()).not.toContain('ab');
      if (policy.kinds.includes('symbols')) expect(password).toMatch(/[^A-Za-z0-9]/);
      else expect(password).toMatch(/^[A-Za-z0-9]+$/);
    }
  });

  it('refuses a password that contains the login name, lacks a required kind, or is too short', () => {
    const strict: PasswordPolicy = { minLength: 16, kinds: ['symbols', 'mixed_case'] };
    expect(meetsPolicy('Abcdefgh1234567!', 'taro', strict)).toBe(true);
    expect(meetsPolicy('Abcdefgh1234567x', 'taro', strict)).toBe(false);
    expect(meetsPolicy('abcdefgh1234567!', 'taro', strict)).toBe(false);
    expect(meetsPolicy('Abcdefgh12345!', 'taro', strict)).toBe(false);
    expect(meetsPolicy('Abcdefgh1TARO67!', 'taro', strict)).toBe(false);
  });
});
