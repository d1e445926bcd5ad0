import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CYBOZU_TOKEN, SECRET_KEY_HEX, startHarness, type Harness } from '../helpers/app-harness.js';
import { FakeCybozu } from '../helpers/fake-cybozu.js';
import { AcceptedConnections, FakeProxy } from '../helpers/fake-proxy.js';
import { FakeSlack } from '../helpers/fake-slack.js';
import { confirmFrom, oidcEnv, openCallback, startTestProvider } from '../helpers/sso-flow.js';
import { loginThrough, type RunningOidcProvider } from '../helpers/oidc-provider.js';

const PROXY_PASSWORD = 'proxy-pa55word';
const portOf = (url: string) => Number(new URL(url).port);

describe('behind a corporate proxy (HTTPS_PROXY / HTTP_PROXY / NO_PROXY)', () => {
  let proxy: FakeProxy;
  let provider: RunningOidcProvider;
  let connections: AcceptedConnections;
  let h: Harness | undefined;
  beforeAll(async () => {
    proxy = await FakeProxy.start({
      requireAuthorization: `Basic ${Buffer.from(`corp:${PROXY_PASSWORD}`).toString('base64')}`,
    });
    provider = await startTestProvider({ taro: { sub: 'sub-taro', email: 'taro@example.com', email_verified: true } });
    connections = new AcceptedConnections();
  });
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });
  afterAll(async () => {
    connections.stop();
    await provider.close();
    await proxy.close();
  });

  const proxyEnv = () => {
    // The fakes are http:// on 127.0.0.1, so HTTP_PROXY is the one that applies; loopback is not bypassed.
    const url = `http://corp:${PROXY_PASSWORD}@127.0.0.1:${proxy.port}`;
    return { HTTPS_PROXY: url, HTTP_PROXY: url };
  };
  /** Connections the fake on `url` accepted that did not come from the proxy. */
  const direct = (url: string) => connections.at(portOf(url)).filter((c) => !proxy.upstreamPorts.has(c.remotePort));

  it('sends every outbound request through the proxy: Slack Web API (auth.test, answers, DMs), cybozu.com, OIDC discovery and token', async () => {
    proxy.requests.length = 0;
    connections.clear();
    h = await startHarness({ cybozu: true, env: { ...proxyEnv(), ...oidcEnv(provider), DEFAULT_LOCALE: 'en' } });
    h.cybozu.addUser({ code: 'taro', name: 'Yamada Taro', email: 'taro@example.com', services: ['kintone'] });
    h.slack.setUser('UTARO0001', { email: 'taro@example.com', locale: 'en-US' });
    const slackUrl = h.slack.url;
    const cybozuUrl = h.cybozu.url;

    // diagnose: users.info (lean client), cybozu.com (fetch), the answer at response_url (lean client)
    const responseUrl = h.slack.responseUrl('diag');
    await h.client.slashCommand({ userId: 'UTARO0001', text: 'diagnose', responseUrl });
    const final = await h.slack.waitFor(
      (c) =>
        c.method === 'response_url' &&
        c.args._path === new URL(responseUrl).pathname &&
        /Yamada Taro/.test(String(c.args.text)),
    );
    expect(final.args.text).toContain('Status: Active');
    expect(h.cybozu.calls.length).toBeGreaterThan(0);

    // verify: OIDC discovery, made by the app
    const verifyUrl = h.slack.responseUrl('verify');
    await h.client.slashCommand({ userId: 'UTARO0001', text: 'verify', responseUrl: verifyUrl });
    await h.app.idle();
    const answer = h.slack.calls
      .filter((c) => c.method === 'response_url' && c.args._path === new URL(verifyUrl).pathname)
      .at(-1)!;
    const link = JSON.stringify(answer.args.blocks)
      .match(/"url":"([^"]+)"/)![1]!
      .replace(/\\u0026/g, '&');
    for (const url of [slackUrl, cybozuUrl, provider.url]) {
      expect(connections.at(portOf(url)).length, url).toBeGreaterThan(0);
      expect(direct(url), url).toEqual([]);
    }

    // The person's browser signs in at the provider (directly: it is not the app), then comes back to the app,
    // which exchanges the code at the token endpoint and checks the ID token: through the proxy again.
    const redirect = await loginThrough(link, 'taro');
    connections.clear();
    const page = await openCallback(h, redirect);
    expect(page.status).toBe(200);
    // The person confirms on the page naming their Slack account; only then is the identity linked and DMed.
    expect((await confirmFrom(h, page)).status).toBe(200);
    await h.deliver();
    expect(
      h.slack
        .callsTo('chat.postMessage')
        .some((c) => c.args.channel === 'DUTARO0001' && /taro@example\.com/.test(String(c.args.text))),
    ).toBe(true);
    // (The token call may reuse the tunnel opened for discovery; a new connection must come from the proxy too.)
    expect(direct(provider.url)).toEqual([]);
    expect(direct(slackUrl)).toEqual([]);

    const targets = proxy.targets();
    for (const url of [slackUrl, cybozuUrl, provider.url]) expect(targets).toContain(new URL(url).host);
    // The proxy's credentials went to the proxy, and nowhere into the logs.
    expect(
      proxy.requests.every(
        (r) => r.proxyAuthorization === `Basic ${Buffer.from(`corp:${PROXY_PASSWORD}`).toString('base64')}`,
      ),
    ).toBe(true);
    expect(h.log.text()).not.toContain(PROXY_PASSWORD);
    expect(h.log.text()).not.toContain(CYBOZU_TOKEN);
  });

  it('goes direct to a host:port in NO_PROXY (the other fakes on 127.0.0.1 still go through the proxy)', async () => {
    const cybozu = await new FakeCybozu({ token: CYBOZU_TOKEN }).start();
    cybozu.addUser({ code: 'taro', name: 'Yamada Taro', email: 'taro@example.com', services: ['kintone'] });
    const slack = await FakeSlack.start();
    try {
      proxy.requests.length = 0;
      connections.clear();
      h = await startHarness({
        slack,
        env: {
          ...proxyEnv(),
          NO_PROXY: `example.invalid, 127.0.0.1:${portOf(cybozu.url)}`,
          CYBOZU_BASE_URL: cybozu.url,
          CYBOZU_API_TOKEN: CYBOZU_TOKEN,
          SECRET_ENCRYPTION_KEY: SECRET_KEY_HEX,
          CYBOZU_TIMEOUT_MS: '1000',
        },
      });
      slack.setUser('UTARO0001', { email: 'taro@example.com', locale: 'en-US' });
      const responseUrl = slack.responseUrl('diag');
      await h.client.slashCommand({ userId: 'UTARO0001', text: 'diagnose', responseUrl });
      await slack.waitFor((c) => c.method === 'response_url' && /Yamada Taro/.test(String(c.args.text)));

      expect(cybozu.calls.length).toBeGreaterThan(0);
      expect(proxy.targets()).not.toContain(new URL(cybozu.url).host);
      expect(direct(cybozu.url).length).toBeGreaterThan(0);
      expect(proxy.targets()).toContain(new URL(slack.url).host);
      expect(direct(slack.url)).toEqual([]);
    } finally {
      await h?.close();
      h = undefined;
      await cybozu.close();
      await slack.close();
    }
  });
});
