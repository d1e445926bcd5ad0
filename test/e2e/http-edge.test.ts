import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditEvents, outbox, reports } from '../../db/schema.js';
import { SIGNING_SECRET, startHarness, type Harness } from '../helpers/app-harness.js';
import { rawRequest, rawSocket } from '../helpers/raw-http.js';
import { sign } from '../helpers/slack-request.js';

const HEALTH_TOKEN = 'test-health-token';

const helpCommand = () =>
  new URLSearchParams({
    command: '/kintone-login',
    text: 'help',
    user_id: 'UEDGE001',
    team_id: 'T1',
    trigger_id: 't',
    response_url: 'http://127.0.0.1:1/r',
    channel_id: 'C1',
  }).toString();

describe('the HTTP edge: whatever a client sends, a clear answer and the app keeps serving', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { DEFAULT_LOCALE: 'en' } });
  });
  afterAll(async () => {
    await h.close();
  });
  beforeEach(() => {
    h.db.$client.pragma('query_only = OFF');
  });

  const stillServing = async () => {
    expect((await rawRequest(h.baseUrl, { path: '/healthz' })).status).toBe(200);
  };
  const nothingWritten = () => {
    expect(h.db.select().from(reports).all()).toHaveLength(0);
    expect(h.db.select().from(outbox).all()).toHaveLength(0);
    expect(h.db.select().from(auditEvents).all()).toHaveLength(0);
  };

  it('answers unknown paths with 404 and a known path with the wrong method with 405 and Allow', async () => {
    const cases: [method: string, path: string, status: number, allow?: string][] = [
      ['GET', '/', 404],
      ['GET', '/favicon.ico', 404],
      ['POST', '/', 404],
      ['GET', '/slack/events', 405, 'POST'],
      ['PUT', '/slack/events', 405, 'POST'],
      ['POST', '/healthz', 405, 'GET, HEAD'],
      ['DELETE', '/healthz', 405, 'GET, HEAD'],
      ['OPTIONS', '/healthz', 405, 'GET, HEAD'],
      ['POST', '/oidc/callback', 405, 'GET'],
    ];
    for (const [method, path, status, allow] of cases) {
      const res = await rawRequest(h.baseUrl, {
        method,
        path,
        ...(method === 'GET' || method === 'OPTIONS' ? {} : { body: 'x=1' }),
      });
      expect(res.status, `${method} ${path}`).toBe(status);
      expect(res.headers.allow, `${method} ${path}`).toBe(allow);
    }
    await stillServing();
    nothingWritten();
  });

  it('answers a method Node cannot parse (BREW) with 400 even while the client is still sending a body, never a reset', async () => {
    // Node 24's own handler destroys the socket with the body unread, so the client saw ECONNRESET, not the answer.
    for (let i = 0; i < 20; i++) {
      const res = await rawRequest(h.baseUrl, { method: 'BREW', path: '/', body: 'x'.repeat(70_000) });
      expect(res.status).toBe(400);
      expect(res.headers.connection).toBe('close');
    }
    expect((await rawRequest(h.baseUrl, { path: '/healthz' })).status).toBe(200);
  });

  it('answers HEAD /healthz like GET, without a body', async () => {
    const res = await rawRequest(h.baseUrl, { method: 'HEAD', path: '/healthz' });
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
    expect(res.headers['content-type']).toContain('application/json');
  });

  it('treats every spelling of /slack/events as the Slack endpoint: the signature is verified and the body checked', async () => {
    const spellings = [
      '/slack/events/',
      '//slack/events',
      '/slack//events',
      '/slack/./events',
      '/slack/%2e/events',
      '/x/../slack/events',
      '/slack/events?x=1',
      '/slack/events/?',
      '/slack/events#frag',
    ];
    for (const path of spellings) {
      const body = helpCommand();
      const signed = await rawRequest(h.baseUrl, {
        method: 'POST',
        path,
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...sign(SIGNING_SECRET, body) },
        body,
      });
      expect(signed.status, `signed ${path}`).toBe(200);
      expect(JSON.parse(signed.body).text, `signed ${path}`).toContain('How to use /kintone-login');

      const unsigned = await rawRequest(h.baseUrl, {
        method: 'POST',
        path,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
      expect(unsigned.status, `unsigned ${path}`).toBe(401);

      for (const nonsense of ['null', '7', '"text"', '[]', '[{"type":"block_actions"}]']) {
        const res = await rawRequest(h.baseUrl, {
          method: 'POST',
          path,
          headers: { 'content-type': 'application/json', ...sign(SIGNING_SECRET, nonsense) },
          body: nonsense,
        });
        expect(res.status, `signed ${nonsense} to ${path}`).toBe(400);
      }
    }
    await stillServing();
    nothingWritten();
  });

  it('refuses signed bodies that are not an object whichever way they are wrapped (JSON in a form, form in JSON)', async () => {
    const bodies: [contentType: string, body: string][] = [
      ['application/x-www-form-urlencoded', 'payload=null'],
      ['application/x-www-form-urlencoded', 'payload=5'],
      ['application/x-www-form-urlencoded', 'payload=%22s%22'],
      ['application/x-www-form-urlencoded', 'payload=%5B%5D'],
      ['application/x-www-form-urlencoded', 'payload=%7B'],
      ['application/x-www-form-urlencoded', 'payload=a&payload=b'],
      ['application/json', 'command=%2Fkintone-login&text=help'],
      ['application/json', ''],
      ['text/plain', 'payload=%7B%7D'],
      ['application/json', 'null'],
      ['application/x-www-form-urlencoded; charset=utf-8', helpCommand()],
    ];
    for (const [contentType, body] of bodies) {
      const res = await rawRequest(h.baseUrl, {
        method: 'POST',
        path: '/slack/events',
        headers: { 'content-type': contentType, ...sign(SIGNING_SECRET, body) },
        body,
      });
      expect(res.status, `${contentType}: ${body}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${contentType}: ${body}`).toBeLessThan(500);
    }
    await stillServing();
    nothingWritten();
  });

  it('answers an unsigned ssl_check with 200 and passes nothing smuggled with it to the app', async () => {
    const smuggled = `ssl_check=1&payload=${encodeURIComponent(JSON.stringify({ type: 'block_actions', user: { id: 'UX' }, actions: [{ action_id: 'home_duty_toggle' }] }))}`;
    const res = await rawRequest(h.baseUrl, {
      method: 'POST',
      path: '/slack/events',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: smuggled,
    });
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
    await h.app.idle();
    nothingWritten();
  });

  it('answers an oversized body with 413, declared or chunked, and keeps serving', async () => {
    const big = 'x'.repeat(2 * 1024 * 1024);
    const declared = await rawRequest(h.baseUrl, {
      method: 'POST',
      path: '/slack/events',
      headers: { 'content-type': 'application/json', ...sign(SIGNING_SECRET, big) },
      body: big,
    });
    expect(declared.status).toBe(413);
    const chunked = await rawRequest(h.baseUrl, {
      method: 'POST',
      path: '/slack/events',
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      body: big,
    });
    expect(chunked.status).toBe(413);
    // fetch (undici) keeps sending while the answer comes: the rest of the body is drained, not reset.
    const viaFetch = await fetch(`${h.baseUrl}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...sign(SIGNING_SECRET, big) },
      body: big,
    });
    expect(viaFetch.status).toBe(413);
    for (const path of ['/healthz', '/', '/oidc/callback']) {
      const res = await rawRequest(h.baseUrl, { method: 'POST', path, body: big });
      expect([404, 405, 413], path).toContain(res.status);
    }
    await stillServing();
  });

  it('answers odd request targets and methods with a 4xx, never a 5xx or a dropped process', async () => {
    const targets = [
      '/%00',
      '/healthz%00',
      '/%',
      '/%zz',
      '/slack/events%2F',
      `/${'a'.repeat(8000)}`,
      '/healthz?x',
      '/healthz/',
      '//',
      '/..',
      '/../../etc/passwd',
      '*',
    ];
    for (const path of targets) {
      for (const method of ['GET', 'HEAD', 'POST', 'PATCH']) {
        const res = await rawRequest(h.baseUrl, {
          method,
          path,
          ...(method === 'POST' || method === 'PATCH' ? { body: 'null' } : {}),
        });
        expect(res.status, `${method} ${path.slice(0, 40)}`).toBeLessThan(500);
      }
    }
    // What fetch() cannot send: a malformed request line, an unknown method, an absolute-form target, a header too long.
    for (const line of [
      'FOO / HTTP/1.1',
      'GET //[ HTTP/1.1',
      'GET http://evil.example/slack/events HTTP/1.1',
      'GET /healthz HTTP/9.9',
      'BREW /healthz HTTP/1.1',
      `GET /${'b'.repeat(100_000)} HTTP/1.1`,
    ]) {
      const answer = await rawSocket(h.baseUrl, `${line}\r\nHost: x\r\nConnection: close\r\n\r\n`);
      expect(answer, line.slice(0, 40)).not.toMatch(/^HTTP\/1\.1 5/);
    }
    await stillServing();
    nothingWritten();
  });
});

describe('/healthz: public status for everyone, details only with HEALTH_TOKEN', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { HEALTH_TOKEN } });
  });
  afterAll(async () => {
    h.db.$client.pragma('query_only = OFF');
    await h.close();
  });
  const health = async (headers: Record<string, string> = {}) => {
    const res = await rawRequest(h.baseUrl, { path: '/healthz', headers });
    return { status: res.status, body: JSON.parse(res.body) as Record<string, unknown> };
  };

  it('shows only ok, db and state without the token, or with a wrong one', async () => {
    const variants: Record<string, string>[] = [
      {},
      { authorization: 'Bearer wrong-token' },
      { authorization: `Bearer ${HEALTH_TOKEN}x` },
      { authorization: HEALTH_TOKEN },
      { authorization: `Basic ${HEALTH_TOKEN}` },
      { authorization: 'Bearer ' },
    ];
    for (const headers of variants) {
      const { status, body } = await health(headers);
      expect(status).toBe(200);
      expect(body).toEqual({ ok: true, db: 'ok', state: 'running' });
    }
  });

  it('shows the outbox, scheduler, directory and Slack connection with the token', async () => {
    const { status, body } = await health({ authorization: `Bearer ${HEALTH_TOKEN}` });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      ok: true,
      db: 'ok',
      state: 'running',
      outbox: { pending: 0, failed: 0, recentFailures: [] },
      scheduler: { late: false },
      directory: 'not_configured',
      slack: { mode: 'http' },
    });
  });

  it('writes the database probe at most once a second: a success is reused within the second, a failure never', async () => {
    h.clock.advance(5_000);
    expect((await health()).status).toBe(200);
    h.db.$client.pragma('query_only = ON');
    // Within the same second the earlier success stands (a flood of probes costs one write a second).
    expect((await health()).status).toBe(200);
    h.clock.advance(1_000);
    expect(await health()).toEqual({ status: 503, body: { ok: false, db: 'error', state: 'running' } });
    // A failure is not reused: once writable again, the very next call says so, without waiting.
    h.db.$client.pragma('query_only = OFF');
    expect((await health()).status).toBe(200);
    h.db.$client.pragma('query_only = ON');
    expect((await health()).status).toBe(200);
    h.clock.advance(999);
    expect((await health()).status).toBe(200);
    h.clock.advance(1);
    expect((await health()).status).toBe(503);
    h.db.$client.pragma('query_only = OFF');
  });
});

describe('/healthz without HEALTH_TOKEN configured', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { HEALTH_TOKEN: '' } });
  });
  afterAll(async () => {
    await h.close();
  });

  it('gives nobody the details, whatever they send', async () => {
    const variants: Record<string, string>[] = [
      {},
      { authorization: 'Bearer ' },
      { authorization: 'Bearer undefined' },
      { authorization: `Bearer ${HEALTH_TOKEN}` },
    ];
    for (const headers of variants) {
      const res = await rawRequest(h.baseUrl, { path: '/healthz', headers });
      expect(JSON.parse(res.body)).toEqual({ ok: true, db: 'ok', state: 'running' });
    }
  });
});
