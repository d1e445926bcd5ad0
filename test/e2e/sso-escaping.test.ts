import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/app-harness.js';
import { loginThrough, type RunningOidcProvider } from '../helpers/oidc-provider.js';
import { confirmTokenIn, oidcEnv, startTestProvider } from '../helpers/sso-flow.js';

const USER = 'UREPORTS1';
/** Links only when the provider's e-mail is the Slack e-mail: both hostile. */
const ODD_EMAIL = '<!channel>&<@U123>@example.com';

describe('what the identity provider sends is shown as text', () => {
  let provider: RunningOidcProvider;
  let h: Harness;
  beforeAll(async () => {
    provider = await startTestProvider({ odd: { sub: 'sub-odd', email: ODD_EMAIL, email_verified: true } });
  });
  afterAll(async () => {
    await provider.close();
  });
  beforeEach(async () => {
    h = await startHarness({ env: { DEFAULT_LOCALE: 'en', ...oidcEnv(provider) } });
    h.slack.setUser(USER, { email: ODD_EMAIL, locale: 'en-US' });
  });
  afterEach(async () => {
    await h.close();
  });

  it('escapes the verified e-mail in the DM that confirms the sign-in', async () => {
    const url = h.slack.responseUrl('verify');
    await h.client.slashCommand({ userId: USER, text: 'verify', responseUrl: url });
    await h.app.idle();
    const answer = h.slack.calls.filter((c) => c.method === 'response_url').at(-1)!;
    const link = JSON.stringify(answer.args.blocks)
      .match(/"url":"([^"]+)"/)![1]!
      .replace(/\\u0026/g, '&');
    const redirect = await loginThrough(link, 'odd');
    const page = await fetch(`${h.baseUrl}/oidc/callback${redirect.search}`);
    expect(page.status).toBe(200);
    const confirmed = await fetch(`${h.baseUrl}/oidc/confirm`, {
      method: 'POST',
      body: new URLSearchParams({ token: confirmTokenIn(await page.text()) }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
    });
    expect(confirmed.status).toBe(200);
    await h.deliver();
    const dm = h.slack
      .callsTo('chat.postMessage')
      .filter((c) => c.args.channel === `D${USER}`)
      .at(-1)!;
    expect(dm.args.text).toContain('(&lt;!channel&gt;&amp;&lt;@U123&gt;@example.com)');
    expect(JSON.stringify(dm.args)).not.toMatch(/<!channel>|<@U123>/);
  });
});
