import { createServer as createHttpsServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { environmentCheck } from '../../../src/directory/environment-check.js';
import type { FakeCybozu } from '../../helpers/fake-cybozu.js';
import { ADMIN_LOGIN, ADMIN_PASSWORD, BASIC, TOKEN, apiFor, closedPortUrl, startFake } from './setup.js';
import { SELF_SIGNED_CERT, SELF_SIGNED_KEY } from './tls-fixture.js';

/** A clock that advances 5 ms per reading, so latencies are predictable. */
function steppingClock(): () => number {
  let t = 0;
  return () => (t += 5);
}

describe('environmentCheck', () => {
  let fake: FakeCybozu;
  beforeEach(async () => {
    fake = await startFake();
  });
  afterEach(() => fake.close());

  it('passes every check against a working environment', async () => {
    const checks = await apiFor(fake, { now: steppingClock() }).environmentCheck();
    expect(checks).toEqual([
      { check: 'base_url', verdict: 'ok', latencyMs: 5, detail: { status: 302 } },
      { check: 'tls', verdict: 'skipped', latencyMs: 0 },
      { check: 'login_page', verdict: 'ok', latencyMs: 5, detail: { status: 200 } },
      { check: 'api_auth', verdict: 'ok', latencyMs: 5, detail: { status: 200 } },
    ]);
    const apiCall = fake.callsTo('GET', '/v1/users.json')[0];
    expect(apiCall?.query).toEqual({ size: '1' });
    // The login page is fetched without the API credentials.
    expect(fake.callsTo('GET', '/login')[0]?.headers['authorization']).toBeUndefined();
  });

  it('fails base_url and skips the rest when nothing listens', async () => {
    const checks = await environmentCheck({
      baseUrl: new URL(await closedPortUrl()),
      auth: { kind: 'token', token: TOKEN },
      now: steppingClock(),
    });
    expect(checks).toEqual([
      { check: 'base_url', verdict: 'fail', latencyMs: 5, detail: { kind: 'connection', networkCode: 'ECONNREFUSED' } },
      { check: 'tls', verdict: 'skipped', latencyMs: 0 },
      { check: 'login_page', verdict: 'skipped', latencyMs: 0 },
      { check: 'api_auth', verdict: 'skipped', latencyMs: 0 },
    ]);
  });

  it('reports wrong credentials on api_auth with cybozu’s error id', async () => {
    const checks = await apiFor(fake, { auth: { kind: 'token', token: 'cy.s.api1.wrong' } }).environmentCheck();
    const api = checks.find((c) => c.check === 'api_auth');
    expect(api).toMatchObject({ verdict: 'fail', detail: { kind: 'auth', status: 520 } });
    expect(api?.detail?.cybozuErrorId).toMatch(/^fake-/);
  });

  it('reports an IP restriction page on the login page and the API', async () => {
    fake.failAlways({ status: 403, html: '<html>access denied</html>' }, { path: '/login' });
    fake.failAlways({ status: 403, html: '<html>access denied</html>' }, { path: '/v1/users.json' });
    const checks = await apiFor(fake).environmentCheck();
    expect(checks.map((c) => [c.check, c.verdict, c.detail?.kind])).toEqual([
      ['base_url', 'ok', undefined],
      ['tls', 'skipped', undefined],
      ['login_page', 'fail', 'ip_restricted'],
      ['api_auth', 'fail', 'ip_restricted'],
    ]);
  });

  it('accepts a login page that redirects to a login page (e.g. SAML)', async () => {
    fake.failAlways({ status: 302, headers: { Location: 'https://idp.example.com/saml/login' } }, { path: '/login' });
    const login = (await apiFor(fake).environmentCheck()).find((c) => c.check === 'login_page');
    expect(login).toMatchObject({ verdict: 'ok', detail: { status: 302 } });
  });

  it('says Basic auth is required when the environment challenges for it', async () => {
    const guarded = await startFake({ login: ADMIN_LOGIN, password: ADMIN_PASSWORD, basicAuth: BASIC });
    try {
      const auth = { kind: 'password' as const, login: ADMIN_LOGIN, password: ADMIN_PASSWORD };
      const without = await apiFor(guarded, { auth }).environmentCheck();
      expect(without.find((c) => c.check === 'api_auth')?.detail).toMatchObject({
        kind: 'basic_auth_required',
        status: 401,
      });
      const withBasic = await apiFor(guarded, { auth, basicAuth: BASIC }).environmentCheck();
      expect(withBasic.map((c) => c.verdict)).toEqual(['ok', 'skipped', 'ok', 'ok']);
    } finally {
      await guarded.close();
    }
  });

  describe('over https', () => {
    let server: Server;
    beforeEach(async () => {
      server = createHttpsServer({ key: SELF_SIGNED_KEY, cert: SELF_SIGNED_CERT }, (_req, res) => res.end('ok'));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    });
    afterEach(async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });

    it('fails tls on a certificate the system does not trust', async () => {
      const { port } = server.address() as AddressInfo;
      const checks = await environmentCheck({
        baseUrl: new URL(`https://127.0.0.1:${port}/`),
        auth: { kind: 'token', token: TOKEN },
      });
      expect(checks.map((c) => [c.check, c.verdict])).toEqual([
        ['base_url', 'fail'],
        ['tls', 'fail'],
        ['login_page', 'skipped'],
        ['api_auth', 'skipped'],
      ]);
      expect(checks[1]?.detail?.kind).toBe('tls');
      expect(checks[1]?.detail?.networkCode).toBeTruthy();
    });
  });
});
