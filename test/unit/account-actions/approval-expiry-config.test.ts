import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../../src/config.js';

const base = { SLACK_BOT_TOKEN: 'xoxb-1-2-3', SUPPORT_CHANNEL_ID: 'C0123ABC', SLACK_SIGNING_SECRET: 'shh' };

function problems(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('APPROVAL_EXPIRY_MINUTES', () => {
  it('defaults to 60 minutes, also when left empty', () => {
    expect(parseConfig(base).approvalExpiryMinutes).toBe(60);
    expect(parseConfig({ ...base, APPROVAL_EXPIRY_MINUTES: '' }).approvalExpiryMinutes).toBe(60);
    expect(parseConfig({ ...base, APPROVAL_EXPIRY_MINUTES: '15' }).approvalExpiryMinutes).toBe(15);
  });

  it.each(['0', '-5', '1.5', 'an hour', '100000'])('rejects %j, naming the variable', (value) => {
    expect(problems({ ...base, APPROVAL_EXPIRY_MINUTES: value })).toEqual([
      expect.stringMatching(/^APPROVAL_EXPIRY_MINUTES: /),
    ]);
  });
});
