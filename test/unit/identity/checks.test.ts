import { describe, expect, it } from 'vitest';
import {
  adminStepUpSatisfied,
  DEFAULT_STEP_UP_WINDOW_MS,
  reporterIdentityVerified,
  type LinkedIdentity,
} from '../../../src/identity/oidc.js';

const NOW = Date.UTC(2030, 0, 15, 9, 0, 0);
const taro: LinkedIdentity = {
  subject: 's1',
  email: 'Taro.Yamada@Example.com',
  emailVerified: true,
  groups: ['everyone', 'kintone-admins'],
  verifiedAt: NOW - 60_000,
  stepUpAt: NOW - 90_000,
};

describe('reporterIdentityVerified', () => {
  it('accepts a verified e-mail equal to the account e-mail, ignoring case and surrounding spaces', () => {
    expect(reporterIdentityVerified(taro, 'taro.yamada@example.com')).toBe(true);
    expect(reporterIdentityVerified(taro, ' TARO.YAMADA@EXAMPLE.COM ')).toBe(true);
  });

  it('refuses an e-mail that differs from the account e-mail', () => {
    expect(reporterIdentityVerified(taro, 'taro.yamada@example.co.jp')).toBe(false);
    expect(reporterIdentityVerified(taro, 'hanako@example.com')).toBe(false);
  });

  it('refuses an e-mail the provider has not verified', () => {
    expect(reporterIdentityVerified({ ...taro, emailVerified: false }, 'taro.yamada@example.com')).toBe(false);
  });

  it('refuses when there is no identity, no identity e-mail or no account e-mail', () => {
    expect(reporterIdentityVerified(null, 'taro.yamada@example.com')).toBe(false);
    expect(reporterIdentityVerified({ ...taro, email: null }, 'taro.yamada@example.com')).toBe(false);
    expect(reporterIdentityVerified(taro, null)).toBe(false);
    expect(reporterIdentityVerified({ ...taro, email: ' ' }, ' ')).toBe(false);
  });
});

describe('adminStepUpSatisfied', () => {
  const p = { group: 'kintone-admins', windowMs: DEFAULT_STEP_UP_WINDOW_MS };

  it('accepts an admin who signed in afresh within the window with the group', () => {
    expect(adminStepUpSatisfied(taro, { ...p, now: NOW })).toBe(true);
    expect(adminStepUpSatisfied(taro, { ...p, now: taro.stepUpAt! + DEFAULT_STEP_UP_WINDOW_MS - 1 })).toBe(true);
  });

  it('refuses once the window has passed, counted from the fresh sign-in', () => {
    expect(DEFAULT_STEP_UP_WINDOW_MS).toBe(8 * 3_600_000);
    expect(adminStepUpSatisfied(taro, { ...p, now: taro.stepUpAt! + DEFAULT_STEP_UP_WINDOW_MS })).toBe(false);
    expect(adminStepUpSatisfied(taro, { ...p, windowMs: 30 * 60_000, now: taro.stepUpAt! + 30 * 60_000 + 1 })).toBe(
      false,
    );
  });

  it('refuses a verification that was not a fresh sign-in, however recent', () => {
    expect(adminStepUpSatisfied({ ...taro, stepUpAt: null }, { ...p, now: NOW })).toBe(false);
  });

  it('refuses when the group is missing from the claim (compared exactly)', () => {
    expect(adminStepUpSatisfied({ ...taro, groups: ['everyone'] }, { ...p, now: NOW })).toBe(false);
    expect(adminStepUpSatisfied({ ...taro, groups: [] }, { ...p, now: NOW })).toBe(false);
    expect(adminStepUpSatisfied(taro, { ...p, group: 'Kintone-Admins', now: NOW })).toBe(false);
  });

  it('refuses without an identity, or with a verification time in the future', () => {
    expect(adminStepUpSatisfied(null, { ...p, now: NOW })).toBe(false);
    expect(adminStepUpSatisfied({ ...taro, stepUpAt: NOW + 1 }, { ...p, now: NOW })).toBe(false);
  });
});
