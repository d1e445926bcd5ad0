import { WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError, WebAPIRequestError } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackWebClient } from '../../src/slack/web-client.js';
import { FakeSlack } from '../helpers/fake-slack.js';

let slack: FakeSlack;
let client: SlackWebClient;
beforeAll(async () => {
  slack = await FakeSlack.start();
  client = new SlackWebClient('xoxb-test', { slackApiUrl: slack.url, timeout: 300 });
});
afterAll(() => slack.close());

describe('the lean Slack Web API client', () => {
  it('sends what @slack/web-api sends: bearer token, form fields, objects as JSON', async () => {
    const answer = await client.chat.postMessage({
      channel: 'C1',
      text: 'こんにちは & more',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: "a+b = c% !*'()~ <@U1>\n改行" } }],
      unfurl_links: false,
    });
    expect(answer.ok).toBe(true);
    const call = slack.callsTo('chat.postMessage').at(-1)!;
    expect(call.token).toBe('xoxb-test');
    expect(call.args).toMatchObject({
      channel: 'C1',
      text: 'こんにちは & more',
      unfurl_links: 'false',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: "a+b = c% !*'()~ <@U1>\n改行" } }],
    });
  });

  it('sends text cut inside an emoji (a lone surrogate) with U+FFFD in its place, as the library does', async () => {
    await client.chat.postMessage({ channel: 'C1', text: `cut 😀`.slice(0, -1) });
    expect(slack.callsTo('chat.postMessage').at(-1)!.args.text).toBe('cut \uFFFD');
  });

  it('uses a per-call token when one is given', async () => {
    await client.apiCall('users.info', { user: 'U1', token: 'xoxb-other' });
    expect(slack.callsTo('users.info').at(-1)!.token).toBe('xoxb-other');
  });

  it('throws the library error classes, so callers tell failures apart as before', async () => {
    slack.fail('chat.postMessage', { error: 'ratelimited', retryAfter: 7, status: 429 });
    await expect(client.chat.postMessage({ channel: 'C1', text: 'x' })).rejects.toSatisfy(
      (e) => e instanceof WebAPIRateLimitedError && e.retryAfter === 7,
    );

    slack.fail('chat.postMessage', { status: 503 });
    await expect(client.chat.postMessage({ channel: 'C1', text: 'x' })).rejects.toSatisfy(
      (e) => e instanceof WebAPIHTTPError && e.statusCode === 503,
    );

    slack.fail('chat.postMessage', { error: 'channel_not_found' });
    await expect(client.chat.postMessage({ channel: 'C1', text: 'x' })).rejects.toSatisfy(
      (e) => e instanceof WebAPIPlatformError && e.data.error === 'channel_not_found',
    );

    slack.fail('chat.postMessage', { drop: true });
    await expect(client.chat.postMessage({ channel: 'C1', text: 'x' })).rejects.toBeInstanceOf(WebAPIRequestError);
  });

  it('answers an interaction at its response_url with JSON, and rejects when that fails', async () => {
    await client.respond(slack.responseUrl('r1'), {
      response_type: 'ephemeral',
      replace_original: false,
      text: 'もう対応済みです',
    });
    const call = slack.callsTo('response_url').at(-1)!;
    expect(call.args).toMatchObject({ response_type: 'ephemeral', replace_original: false, text: 'もう対応済みです' });
    slack.fail('response_url', { status: 404 });
    await expect(client.respond(slack.responseUrl('r1'), 'x')).rejects.toThrow(/404/);
  });

  it('gives up on an answer that does not come in time', async () => {
    slack.delay('views.update', 2000);
    await expect(
      client.views.update({
        view_id: 'V1',
        view: { type: 'modal', title: { type: 'plain_text', text: 't' }, blocks: [] },
      }),
    ).rejects.toSatisfy((e) => e instanceof WebAPIRequestError && /no answer within 300 ms/.test(e.original.message));
    slack.delay('views.update', 0);
  });
});
