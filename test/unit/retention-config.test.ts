import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config.js';

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

describe('RETENTION_DAYS', () => {
  it('defaults to 365 days, also when left empty', () => {
    expect(parseConfig(base).retentionDays).toBe(365);
    expect(parseConfig({ ...base, RETENTION_DAYS: '' }).retentionDays).toBe(365);
    expect(parseConfig({ ...base, RETENTION_DAYS: '15' }).retentionDays).toBe(15);
  });

  it.each(['0', '-5', '1.5', 'a year', '3651'])('rejects %j, naming the variable', (value) => {
    expect(problems({ ...base, RETENTION_DAYS: value })).toEqual([expect.stringMatching(/^RETENTION_DAYS: /)]);
  });
});
