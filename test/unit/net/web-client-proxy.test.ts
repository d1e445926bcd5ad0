import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { WebAPIRequestError } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpRoutes } from '../../../src/net/http-agents.js';
import { proxySettings, type ProxyEnvironment } from '../../../src/net/proxy.js';
import { SlackWebClient } from '../../../src/slack/web-client.js';
import { FakeProxy } from '../../helpers/fake-proxy.js';
import { FakeSlack } from '../../helpers/fake-slack.js';
import { SELF_SIGNED_CERT, SELF_SIGNED_KEY } from '../directory/tls-fixture.js';

let slack: FakeSlack;
let proxy: FakeProxy;
let secureSlack: https.Server;
const secureCalls: { path: string; authorization?: string }[] = [];

beforeAll(async () => {
  slack = await FakeSlack.start();
  proxy = await FakeProxy.start({
    requireAuthorization: `Basic ${Buffer.from('proxyuser:s3cr:et').toString('base64')}`,
  });
  // Slack's real API is https: a TLS server on 127.0.0.1 with a test certificate stands in for it.
  secureSlack = https.createServer({ key: SELF_SIGNED_KEY, cert: SELF_SIGNED_CERT }, (req, res) => {
    secureCalls.push({
      path: req.url ?? '',
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
    });
    req.resume();
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ ok: true, channel: 'C1', ts: '1.2' }));
  });
  await new Promise<void>((resolve) => secureSlack.listen(0, '127.0.0.1', () => resolve()));
});
afterAll(async () => {
  await slack.close();
  await proxy.close();
  await new Promise<void>((resolve) => secureSlack.close(() => resolve()));
});

const goodProxy = () => `http://proxyuser:${encodeURIComponent('s3cr:et')}@127.0.0.1:${proxy.port}`;

function clientVia(env: ProxyEnvironment, apiUrl: string): SlackWebClient {
  const routes = httpRoutes(proxySettings(env), {
    keepAlive: true,
    maxSockets: 4,
    connectTimeoutMs: 2000,
    tls: { ca: SELF_SIGNED_CERT },
  });
  return new SlackWebClient('xoxb-proxy-test', { slackApiUrl: apiUrl, timeout: 2000, routes });
}

describe('the lean Slack client behind a proxy', () => {
  it('sends http:// calls to HTTP_PROXY in absolute form, with the proxy credentials, and gets the answer', async () => {
    proxy.requests.length = 0;
    const client = clientVia({ httpProxy: goodProxy() }, slack.url);
    await client.chat.postMessage({ channel: 'C1', text: 'via proxy' });
    await client.chat.postMessage({ channel: 'C1', text: 'again' });
    client.close();
    const target = new URL(slack.url).host;
    expect(proxy.requests).toEqual([
      { kind: 'forward', target, path: '/api/chat.postMessage', proxyAuthorization: expect.stringMatching(/^Basic /) },
      { kind: 'forward', target, path: '/api/chat.postMessage', proxyAuthorization: expect.stringMatching(/^Basic /) },
    ]);
    expect(slack.callsTo('chat.postMessage').map((c) => [c.args.text, c.token])).toEqual([
      ['via proxy', 'xoxb-proxy-test'],
      ['again', 'xoxb-proxy-test'],
    ]);
  });

  it('tunnels https:// calls through HTTPS_PROXY with CONNECT, checks the server certificate, and reuses the tunnel', async () => {
    proxy.requests.length = 0;
    const port = (secureSlack.address() as AddressInfo).port;
    const client = clientVia({ httpsProxy: goodProxy() }, `https://127.0.0.1:${port}/api/`);
    expect((await client.chat.postMessage({ channel: 'C1', text: 'x' })).ok).toBe(true);
    expect((await client.chat.postMessage({ channel: 'C1', text: 'y' })).ok).toBe(true);
    client.close();
    expect(proxy.requests).toEqual([
      { kind: 'connect', target: `127.0.0.1:${port}`, proxyAuthorization: expect.stringMatching(/^Basic /) },
    ]);
    expect(secureCalls.slice(-2)).toEqual([
      { path: '/api/chat.postMessage', authorization: 'Bearer xoxb-proxy-test' },
      { path: '/api/chat.postMessage', authorization: 'Bearer xoxb-proxy-test' },
    ]);

    // Without the test CA the certificate is refused, proxy or not.
    const untrusting = new SlackWebClient('xoxb-proxy-test', {
      slackApiUrl: `https://127.0.0.1:${port}/api/`,
      timeout: 2000,
      routes: httpRoutes(proxySettings({ httpsProxy: goodProxy() }), {
        keepAlive: true,
        maxSockets: 1,
        connectTimeoutMs: 2000,
      }),
    });
    await expect(untrusting.chat.postMessage({ channel: 'C1', text: 'z' })).rejects.toSatisfy(
      (e) => e instanceof WebAPIRequestError && /self-signed|self signed/i.test(e.original.message),
    );
    untrusting.close();
  });

  it('fails a call the proxy refuses with an error naming the proxy, never its password', async () => {
    const port = (secureSlack.address() as AddressInfo).port;
    const client = clientVia(
      { httpsProxy: `http://proxyuser:wrong-password@127.0.0.1:${proxy.port}` },
      `https://127.0.0.1:${port}/api/`,
    );
    const error = await client.chat.postMessage({ channel: 'C1', text: 'x' }).catch((e: unknown) => e);
    client.close();
    expect(error).toBeInstanceOf(WebAPIRequestError);
    const message = (error as WebAPIRequestError).original.message;
    expect(message).toBe(`the proxy http://127.0.0.1:${proxy.port} answered 407 to CONNECT 127.0.0.1:${port}`);
    expect(message).not.toContain('wrong-password');
  });

  it('goes direct to a host in NO_PROXY', async () => {
    proxy.requests.length = 0;
    const client = clientVia({ httpProxy: goodProxy(), noProxy: new URL(slack.url).host }, slack.url);
    await client.chat.postMessage({ channel: 'C1', text: 'direct' });
    client.close();
    expect(proxy.requests).toEqual([]);
    expect(slack.callsTo('chat.postMessage').at(-1)!.args.text).toBe('direct');
  });
});
