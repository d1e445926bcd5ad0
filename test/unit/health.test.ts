import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { bearerMatches } from '../../src/health.js';

const TOKEN = 'a-health-token-0123456789';

describe('HEALTH_TOKEN', () => {
  it('matches only `Bearer <token>` exactly', () => {
    expect(bearerMatches(`Bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(bearerMatches(`bearer ${TOKEN}`, TOKEN)).toBe(true);
    for (const header of [undefined, '', TOKEN, `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(1)}`, `Basic ${TOKEN}`, 'Bearer ', `Bearer ${TOKEN} extra`]) {
      expect(bearerMatches(header, TOKEN), String(header)).toBe(false);
    }
  });

  it('lets nobody in when no token is configured', () => {
    for (const header of [undefined, '', 'Bearer ', 'Bearer undefined']) expect(bearerMatches(header, undefined)).toBe(false);
  });

  it('is optional, and refuses a short or spaced token naming the variable, never its value', () => {
    const base = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SUPPORT_CHANNEL_ID: 'C1AB' };
    expect(parseConfig(base).healthToken).toBeUndefined();
    expect(parseConfig({ ...base, HEALTH_TOKEN: '' }).healthToken).toBeUndefined();
    expect(parseConfig({ ...base, HEALTH_TOKEN: TOKEN }).healthToken).toBe(TOKEN);
    for (const bad of ['short-token', 'a token with spaces in it']) {
      expect(() => parseConfig({ ...base, HEALTH_TOKEN: bad })).toThrow(/HEALTH_TOKEN: expected at least 16 characters/);
      try {
        parseConfig({ ...base, HEALTH_TOKEN: bad });
      } catch (error) {
        expect((error as Error).message).not.toContain(bad);
      }
    }
  });
});
