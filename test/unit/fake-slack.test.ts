/**
 * Tests of the e2e test rig itself: the fake Slack Web API (driven by the real
 * @slack/web-api client) and the signed-request simulator.
 */
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';
import { verifySlackRequest } from '@slack/bolt';
import { ErrorCode, LogLevel, WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeSlack } from '../helpers/fake-slack.js';
import { SlackClientSim, sign } from '../helpers/slack-request.js';

/** Await a rejection and return the error, failing if the promise resolved. */
async function errorOf(p: Promise<unknown>): Promise<any> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected the call to fail');
}

describe('FakeSlack', () => {
  let fake: FakeSlack;
  let client: WebClient;

  beforeEach(async () => {
    fake = await FakeSlack.start();
    client = new WebClient('xoxb-test-token', {
      slackApiUrl: fake.url,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      logLevel: LogLevel.ERROR, // the dropped-socket test would otherwise log a WARN
    });
  });
  afterEach(async () => {
    await fake.close();
  });

  it('serves under /api/ on 127.0.0.1', () => {
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/$/);
  });

  it('records chat.postMessage with parsed blocks and the bearer token', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*hello*' } }];
    const res = await client.chat.postMessage({ channel: 'C1', text: 'hello', blocks });

    expect(res.ok).toBe(true);
    expect(res.channel).toBe('C1');
    expect(res.ts).toMatch(/^1700000000\.\d{6}$/);

    const [call] = fake.callsTo('chat.postMessage');
    expect(call?.args).toMatchObject({ channel: 'C1', text: 'hello', blocks });
    expect(call?.token).toBe('xoxb-test-token');
    expect(call?.response).toMatchObject({ ok: true, ts: res.ts });
    expect(fake.messagesIn('C1')).toHaveLength(1);
    expect(fake.postedTexts().join('\n')).toContain('*hello*');
  });

  it('gives unique increasing ts and permalinks for posted messages', async () => {
    const a = await client.chat.postMessage({ channel: 'C1', text: 'a' });
    const b = await client.chat.postMessage({ channel: 'C1', text: 'b' });
    expect(Number(b.ts)).toBeGreaterThan(Number(a.ts));

    const link = await client.chat.getPermalink({ channel: 'C1', message_ts: b.ts! });
    expect(link.permalink).toBe(`https://fake.slack.test/archives/C1/p${b.ts!.replace('.', '')}`);
  });

  it('fails getPermalink for a ts never posted in that channel', async () => {
    const posted = await client.chat.postMessage({ channel: 'C1', text: 'a' });
    const err = await errorOf(client.chat.getPermalink({ channel: 'C2', message_ts: posted.ts! }));
    expect(err.code).toBe(ErrorCode.PlatformError);
    expect(err.data.error).toBe('message_not_found');
  });

  it('surfaces ratelimited as a rate-limited error with retryAfter', async () => {
    fake.fail('chat.postMessage', { error: 'ratelimited', retryAfter: 3 });
    const err = await errorOf(client.chat.postMessage({ channel: 'C1', text: 'x' }));
    expect(err.code).toBe(ErrorCode.RateLimitedError);
    expect(err.retryAfter).toBe(3);
    expect(fake.callsTo('chat.postMessage')[0]).toMatchObject({
      status: 429,
      response: { ok: false, error: 'ratelimited' },
    });

    // Only one failure was queued.
    await expect(client.chat.postMessage({ channel: 'C1', text: 'x' })).resolves.toMatchObject({ ok: true });
  });

  it('surfaces channel_not_found as a platform error', async () => {
    fake.fail('chat.postMessage', { error: 'channel_not_found' });
    const err = await errorOf(client.chat.postMessage({ channel: 'C1', text: 'x' }));
    expect(err.code).toBe(ErrorCode.PlatformError);
    expect(err.data.error).toBe('channel_not_found');
  });

  it('surfaces an HTTP 500 as an HTTP error', async () => {
    fake.fail('auth.test', { status: 500 });
    const err = await errorOf(client.auth.test());
    expect(err.code).toBe(ErrorCode.HTTPError);
    expect(err.statusCode).toBe(500);
  });

  it('surfaces a dropped socket as a request error', async () => {
    fake.fail('chat.postMessage', { drop: true });
    const err = await errorOf(client.chat.postMessage({ channel: 'C1', text: 'x' }));
    expect(err.code).toBe(ErrorCode.RequestError);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('failAlways persists until clearFailures', async () => {
    fake.failAlways('users.info', { error: 'fatal_error' });
    await expect(client.users.info({ user: 'U1' })).rejects.toMatchObject({ data: { error: 'fatal_error' } });
    await expect(client.users.info({ user: 'U1' })).rejects.toMatchObject({ data: { error: 'fatal_error' } });
    fake.clearFailures();
    await expect(client.users.info({ user: 'U1' })).resolves.toMatchObject({ ok: true });
  });

  it('answers users.info from defaults and setUser; locale only with include_locale', async () => {
    const plain = await client.users.info({ user: 'UALICE' });
    expect(plain.user).toMatchObject({
      id: 'UALICE',
      name: 'UALICE',
      tz: 'Asia/Tokyo',
      profile: { email: 'ualice@example.com' },
    });
    expect(plain.user?.locale).toBeUndefined();

    fake.setUser('UBOB', { email: null, locale: 'ja-JP', name: 'bob' });
    const bob = await client.users.info({ user: 'UBOB', include_locale: true });
    expect(bob.user).toMatchObject({ name: 'bob', locale: 'ja-JP' });
    expect(bob.user?.profile?.email).toBeUndefined();

    await expect(client.users.info({ user: 'nobody' })).rejects.toMatchObject({ data: { error: 'user_not_found' } });
  });

  it('answers auth.test, views.open, conversations.open and unknown methods', async () => {
    await expect(client.auth.test()).resolves.toMatchObject({ user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' });

    const view = {
      type: 'modal' as const,
      callback_id: 'cb',
      title: { type: 'plain_text' as const, text: 't' },
      blocks: [],
    };
    const opened = await client.views.open({ trigger_id: '1.2.3', view });
    expect(opened.view).toMatchObject({ callback_id: 'cb' });
    expect(opened.view?.id).toMatch(/^V/);
    expect(fake.callsTo('views.open')[0]?.args.view).toEqual(view);

    const dm = await client.conversations.open({ users: 'U9' });
    expect(dm.channel?.id).toBe('DU9');

    await expect(client.apiCall('nope.nope')).rejects.toMatchObject({ data: { error: 'unknown_method' } });
  });

  it('delays a method and waitFor sees the call while it is pending', async () => {
    fake.delay('auth.test', 200);
    const started = Date.now();
    const pending = client.auth.test();
    const call = await fake.waitFor((c) => c.method === 'auth.test', 1000);
    expect(call.response.ok).toBe(true);
    await pending;
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });

  it('waitFor times out listing the methods seen', async () => {
    await client.auth.test();
    await expect(fake.waitFor((c) => c.method === 'chat.postMessage', 50)).rejects.toThrow(/auth\.test/);
  });
});

describe('sign', () => {
  it('matches an independently computed v0 signature', () => {
    const secret = '8f742231b10e8888abcd99yyyzzz85a5';
    const body = 'token=xyz&team_id=T1&text=hello%20world';
    const ts = 1531420618;
    const expected = `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
    expect(sign(secret, body, ts)).toEqual({
      'x-slack-request-timestamp': '1531420618',
      'x-slack-signature': expected,
    });
  });
});

describe('SlackClientSim', () => {
  it('sends a slash command whose signature @slack/bolt accepts', async () => {
    let received: { body: string; headers: http.IncomingHttpHeaders; url?: string } | undefined;
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received = { body: Buffer.concat(chunks).toString('utf8'), headers: req.headers, url: req.url };
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"text":"ok"}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const { port } = server.address() as AddressInfo;
      const sim = new SlackClientSim(`http://127.0.0.1:${port}`, 'shh-secret');
      const res = await sim.slashCommand({ userId: 'U1', text: 'help me' });

      expect(res).toMatchObject({ status: 200, body: { text: 'ok' } });
      expect(received?.url).toBe('/slack/events');
      expect(parseQuery(received!.body)).toMatchObject({
        user_id: 'U1',
        command: '/kintone-login',
        text: 'help me',
        team_id: 'T1',
      });
      expect(() =>
        verifySlackRequest({
          signingSecret: 'shh-secret',
          body: received!.body,
          headers: {
            'x-slack-signature': String(received!.headers['x-slack-signature']),
            'x-slack-request-timestamp': Number(received!.headers['x-slack-request-timestamp']),
          },
        }),
      ).not.toThrow();
      // And a wrong secret is rejected, so the check above is meaningful.
      expect(() =>
        verifySlackRequest({
          signingSecret: 'other',
          body: received!.body,
          headers: {
            'x-slack-signature': String(received!.headers['x-slack-signature']),
            'x-slack-request-timestamp': Number(received!.headers['x-slack-request-timestamp']),
          },
        }),
      ).toThrow(/signature mismatch/);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
