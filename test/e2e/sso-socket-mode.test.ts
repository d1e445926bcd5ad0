import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identities } from '../../db/schema.js';
import { startHarness, type Harness } from '../helpers/app-harness.js';
import { FakeSlack } from '../helpers/fake-slack.js';
import { FakeSocketMode } from '../helpers/fake-socket-mode.js';
import { loginThrough, type RunningOidcProvider } from '../helpers/oidc-provider.js';
import { confirmTokenIn, oidcEnv, startTestProvider } from '../helpers/sso-flow.js';

describe('single sign-on in Socket Mode', () => {
  let provider: RunningOidcProvider;
  let slack: FakeSlack;
  let socket: FakeSocketMode;
  let h: Harness;
  beforeAll(async () => {
    provider = await startTestProvider({ sato: { sub: 'sub-sato', email: 'sato@example.com', email_verified: true } });
    slack = await FakeSlack.start();
    socket = await FakeSocketMode.start(slack);
  });
  afterAll(async () => {
    await h?.close();
    await socket.close();
    await slack.close();
    await provider.close();
  });

  it('serves /oidc/callback and /oidc/confirm on PORT beside the socket', async () => {
    h = await startHarness({
      slack,
      env: {
        SLACK_MODE: 'socket',
        SLACK_APP_TOKEN: 'xapp-1-A1-socket-test',
        ...oidcEnv(provider),
      },
    });
    await socket.connected;
    slack.setUser('USATO0001', { email: 'sato@example.com', name: 'Sato Hanako' });
    const { url } = await h.app.services.sso!.startVerification('USATO0001');
    const redirect = await loginThrough(url, 'sato');
    // The harness starts the app on a free port (start(0)): the same server serves the socket's health and SSO.
    const base = h.baseUrl;
    const page = await fetch(`${base}/oidc/callback${redirect.search}`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('Sato Hanako');
    expect(h.db.select().from(identities).all()).toEqual([]);
    const done = await fetch(`${base}/oidc/confirm`, {
      method: 'POST',
      body: new URLSearchParams({ token: confirmTokenIn(html) }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
    });
    expect(done.status).toBe(200);
    expect(
      h.db
        .select()
        .from(identities)
        .all()
        .map((i) => i.slackUserId),
    ).toEqual(['USATO0001']);
    expect((await fetch(`${base}/oidc/confirm`)).status).toBe(405);
    expect((await fetch(`${base}/oidc/callback?state=junk`)).status).toBe(400);
  });
});
