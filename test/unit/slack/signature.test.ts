import { describe, expect, it } from 'vitest';
import { SIGNATURE_MAX_AGE_S, validSignature } from '../../../src/slack/request-guard.js';
import { sign } from '../../helpers/slack-request.js';

const SECRET = 'the-signing-secret';
const BODY = 'command=%2Fkintone-login&text=status&user_id=U1';
const NOW = 1_800_000_000;

describe("Slack's request signature (the only check: Bolt's own is off)", () => {
  it('accepts a body signed with the secret at about the current time', () => {
    expect(validSignature({ ...sign(SECRET, BODY, NOW) }, BODY, SECRET, NOW)).toBe(true);
    expect(validSignature({ ...sign(SECRET, BODY, NOW - SIGNATURE_MAX_AGE_S) }, BODY, SECRET, NOW)).toBe(true);
  });

  it('refuses another secret, another body, or a signature for another timestamp', () => {
    expect(validSignature({ ...sign('another-secret', BODY, NOW) }, BODY, SECRET, NOW)).toBe(false);
    expect(validSignature({ ...sign(SECRET, BODY, NOW) }, `${BODY}&x=1`, SECRET, NOW)).toBe(false);
    const signed = { ...sign(SECRET, BODY, NOW) };
    expect(validSignature({ ...signed, 'x-slack-request-timestamp': String(NOW - 1) }, BODY, SECRET, NOW)).toBe(false);
  });

  it('refuses a replay older than five minutes and a timestamp more than five minutes ahead', () => {
    expect(validSignature({ ...sign(SECRET, BODY, NOW - SIGNATURE_MAX_AGE_S - 1) }, BODY, SECRET, NOW)).toBe(false);
    expect(validSignature({ ...sign(SECRET, BODY, NOW + SIGNATURE_MAX_AGE_S + 1) }, BODY, SECRET, NOW)).toBe(false);
  });

  it('refuses missing, malformed or padded headers without throwing', () => {
    const signed = { ...sign(SECRET, BODY, NOW) };
    const cases: Record<string, string | undefined>[] = [
      {},
      { 'x-slack-request-timestamp': String(NOW) },
      { 'x-slack-signature': signed['x-slack-signature'] },
      { ...signed, 'x-slack-request-timestamp': `${NOW}.0` },
      { ...signed, 'x-slack-request-timestamp': ` ${NOW}` },
      { ...signed, 'x-slack-signature': signed['x-slack-signature'].replace('v0=', 'v1=') },
      { ...signed, 'x-slack-signature': `${signed['x-slack-signature']}00` },
      { ...signed, 'x-slack-signature': `${signed['x-slack-signature']}x` },
      { ...signed, 'x-slack-signature': signed['x-slack-signature'].slice(0, -2) },
      { ...signed, 'x-slack-signature': signed['x-slack-signature'].toUpperCase() },
      { ...signed, 'x-slack-signature': 'v0=' },
    ];
    for (const headers of cases)
      expect(validSignature(headers, BODY, SECRET, NOW), JSON.stringify(headers)).toBe(false);
  });
});
