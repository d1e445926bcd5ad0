import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../../src/config.js';
import { RejectionCounter } from '../../../src/identity/rejection-counter.js';

const base = {
  SLACK_BOT_TOKEN: 'xoxb-1-2-3',
  SUPPORT_CHANNEL_ID: 'C0123ABC',
  SLACK_SIGNING_SECRET: 'shh',
  OIDC_ISSUER: 'https://idp.example.com',
  OIDC_CLIENT_ID: 'id',
  OIDC_CLIENT_SECRET: 'secret',
  OIDC_REDIRECT_URL: 'https://kintone-login.example.com/oidc/callback',
};

describe('OIDC_VERIFICATION_HOURS', () => {
  it('defaults to 24 hours, next to the 8-hour step-up window', () => {
    expect(parseConfig(base).oidc).toMatchObject({ verificationHours: 24, stepUpHours: 8 });
  });

  it('takes a number of hours', () => {
    expect(parseConfig({ ...base, OIDC_VERIFICATION_HOURS: '72' }).oidc!.verificationHours).toBe(72);
    expect(parseConfig({ ...base, OIDC_VERIFICATION_HOURS: '0.5' }).oidc!.verificationHours).toBe(0.5);
  });

  it.each(['0', '-1', 'forever', String(24 * 31)])('refuses %s, naming the variable', (value) => {
    try {
      parseConfig({ ...base, OIDC_VERIFICATION_HOURS: value });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual([expect.stringMatching(/^OIDC_VERIFICATION_HOURS: /)]);
    }
  });
});

describe('RejectionCounter', () => {
  it('warns for the first rejection, then at most once per interval with the count since the last warning', () => {
    const counter = new RejectionCounter(60_000);
    expect(counter.note(0)).toEqual({ total: 1, warn: 1 });
    for (let i = 0; i < 98; i++) expect(counter.note(1000 + i).warn).toBeNull();
    expect(counter.note(59_999)).toEqual({ total: 100, warn: null });
    expect(counter.note(60_000)).toEqual({ total: 101, warn: 100 });
    expect(counter.note(60_001)).toEqual({ total: 102, warn: null });
  });

  it('warns again when the clock went backwards (never stays silent)', () => {
    const counter = new RejectionCounter(60_000);
    counter.note(100_000);
    expect(counter.note(10_000).warn).toBe(1);
  });
});
