import { describe, expect, it } from 'vitest';
import { boltLogger, createLogger } from '../../src/logger.js';
import { CapturedLog } from '../helpers/app-harness.js';

describe('logger', () => {
  it('redacts secrets by key, wherever they are', () => {
    const out = new CapturedLog();
    const logger = createLogger('debug', out);
    logger.info(
      {
        token: 'xoxb-abc',
        config: { password: 'hunter2', clientSecret: 'cs' },
        headers: { authorization: 'Bearer zzz' },
      },
      'x',
    );
    const text = out.text();
    for (const secret of ['xoxb-abc', 'hunter2', '"cs"', 'zzz']) expect(text).not.toContain(secret);
    expect(out.entries[0]).toMatchObject({ token: '[redacted]', config: { password: '[redacted]' } });
  });

  it('scrubs credential-shaped strings in free text written by libraries', () => {
    const out = new CapturedLog();
    const bolt = boltLogger(createLogger('debug', out));
    bolt.warn('calling with token xoxb-1234-5678-abcdef and Authorization: Bearer cy.s.api1.secretvalue');
    bolt.error(new Error('xapp-1-A0-secret failed'));
    const text = out.text();
    expect(text).not.toMatch(/xoxb-1234|cy\.s\.api1\.secret|xapp-1-A0/);
    expect(text).toContain('[redacted]');
  });

  it('drops the request and response bodies the Slack libraries dump at debug level', () => {
    const out = new CapturedLog();
    const bolt = boltLogger(createLogger('debug', out));
    bolt.debug('http request body: {"view":{"blocks":[{"text":"password Abc123xyz789"}]}}');
    bolt.debug('http request result: {"ok":true,"view":{"text":"Abc123xyz789"}}');
    expect(out.text()).not.toContain('Abc123xyz789');
    expect(out.entries.map((e) => e.msg)).toEqual([
      'http request body: [body omitted]',
      'http request result: [body omitted]',
    ]);
  });
});
