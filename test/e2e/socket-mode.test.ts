import { afterEach, describe, expect, it } from 'vitest';
import { StartupError } from '../../src/startup.js';
import { BOT_TOKEN, T0 } from '../helpers/app-harness.js';
import { buildApp, ControlledDeadline, type BareApp, healthDetails } from '../helpers/bare-app.js';
import { AcceptedConnections, FakeProxy } from '../helpers/fake-proxy.js';
import { FakeSlack } from '../helpers/fake-slack.js';
import { FakeSocketMode } from '../helpers/fake-socket-mode.js';

const APP_TOKEN = 'xapp-1-A1-socket-secret';

const socketEnv = (slack: FakeSlack, extra: Record<string, string> = {}) => ({
  SLACK_BOT_TOKEN: BOT_TOKEN,
  SLACK_APP_TOKEN: APP_TOKEN,
  SLACK_API_URL: slack.url,
  PORT: '0',
  ...extra,
});

/** Polls (no fixed sleep) until `check` holds; the Socket Mode client reacts to the network on its own time. */
async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const health = async (port: number) => {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`, { headers: healthDetails });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
};

describe('Socket Mode: the connection to Slack', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });
  const track = (bare: BareApp) => {
    cleanup.push(() => bare.close());
    return bare;
  };

  it('reports the connection on /healthz, stays healthy through a short drop, turns 503 after SLACK_DISCONNECTED_UNHEALTHY_SECONDS, and recovers', async () => {
    const slack = await FakeSlack.start();
    cleanup.push(() => slack.close());
    let socket = await FakeSocketMode.start(slack);
    cleanup.push(() => socket.close());
    const deadline = new ControlledDeadline();
    // A short ping timeout also makes the client's reconnect backoff short (n × 400 ms).
    const built = track(
      buildApp(socketEnv(slack, { SLACK_DISCONNECTED_UNHEALTHY_SECONDS: '120' }), {
        startupPolicy: () => deadline.policy(),
        socketModeClientPingTimeoutMs: 400,
      }),
    );
    const port = await built.app.start(0);
    await socket.connected;

    expect(await health(port)).toEqual({
      status: 200,
      body: expect.objectContaining({
        ok: true,
        db: 'ok',
        state: 'running',
        slack: { mode: 'socket', connected: true, since: new Date(T0).toISOString(), reconnecting: false },
      }),
    });

    // Slack goes away: the socket drops and reconnecting fails (nothing listens at the WebSocket URL any more).
    built.clock.advance(5_000);
    await socket.close();
    await until(() => !built.app.slackConnection.snapshot().connected, 'the app to notice the drop');
    let now = await health(port);
    expect(now.status).toBe(200);
    expect(now.body).toMatchObject({
      ok: true,
      state: 'running',
      slack: {
        connected: false,
        reconnecting: true,
        disconnectedSeconds: 0,
        since: new Date(T0 + 5_000).toISOString(),
      },
    });
    expect(built.log.entries.some((e) => e.msg === 'Slack connection lost: reconnecting')).toBe(true);

    built.clock.advance(119_000);
    expect((await health(port)).status).toBe(200);
    built.clock.advance(2_000);
    now = await health(port);
    expect(now.status).toBe(503);
    expect(now.body).toMatchObject({
      ok: false,
      db: 'ok',
      state: 'disconnected',
      slack: { connected: false, reconnecting: true, disconnectedSeconds: 121 },
    });
    expect(
      built.log.entries.filter(
        (e) => e.msg === 'no Slack connection for too long: /healthz answers 503 until it is back',
      ),
    ).toHaveLength(1);

    // Slack is back: the client reconnects on its own and the app is healthy again.
    socket = await FakeSocketMode.start(slack);
    await socket.connected;
    await until(() => built.app.slackConnection.snapshot().connected, 'the reconnection');
    now = await health(port);
    expect(now.status).toBe(200);
    expect(now.body).toMatchObject({ ok: true, state: 'running', slack: { connected: true, reconnecting: false } });
    expect(built.log.entries.find((e) => e.msg === 'Slack connection restored')).toMatchObject({
      disconnectedSeconds: 121,
    });
    const ack = await socket.send('slash_commands', {
      command: '/kintone-login',
      text: 'help',
      user_id: 'USOCK1',
      team_id: 'T1',
      channel_id: 'C1',
      trigger_id: 't',
      response_url: slack.responseUrl('sock'),
      api_app_id: 'A1',
    });
    expect(ack.payload.text).toContain('/kintone-login');
    expect(built.log.text()).not.toContain(APP_TOKEN);
  });

  it('sends apps.connections.open and the WebSocket through the proxy, like every other request', async () => {
    const slack = await FakeSlack.start();
    cleanup.push(() => slack.close());
    const socket = await FakeSocketMode.start(slack);
    cleanup.push(() => socket.close());
    const proxy = await FakeProxy.start();
    cleanup.push(() => proxy.close());
    const connections = new AcceptedConnections();
    cleanup.push(() => connections.stop());
    const deadline = new ControlledDeadline();
    const built = track(
      buildApp(socketEnv(slack, { HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url }), {
        startupPolicy: () => deadline.policy(),
      }),
    );
    await built.app.start(0);
    await socket.connected;
    const wsUrl = String(slack.callsTo('apps.connections.open')[0]!.response.url);

    const ack = await socket.send('slash_commands', {
      command: '/kintone-login',
      text: 'help',
      user_id: 'USOCK1',
      team_id: 'T1',
      channel_id: 'C1',
      trigger_id: 't',
      response_url: slack.responseUrl('sock'),
      api_app_id: 'A1',
    });
    expect(ack.payload.text).toContain('/kintone-login');
    expect(proxy.targets()).toEqual(expect.arrayContaining([new URL(slack.url).host, new URL(wsUrl).host]));
    for (const url of [slack.url, wsUrl]) {
      const accepted = connections.at(Number(new URL(url).port));
      expect(accepted.length).toBeGreaterThan(0);
      expect(accepted.filter((c) => !proxy.upstreamPorts.has(c.remotePort))).toEqual([]);
    }
  });

  it('gives up at the deadline with the WebSocket host and error when the socket cannot be opened', async () => {
    const slack = await FakeSlack.start();
    cleanup.push(() => slack.close());
    const socket = await FakeSocketMode.start(slack);
    const opened = (await (await fetch(`${slack.url}apps.connections.open`, { method: 'POST' })).json()) as {
      url: string;
    };
    const wsHost = new URL(opened.url).host;
    await socket.close(); // the URL Slack hands out leads nowhere (e.g. wss-primary.slack.com blocked by a firewall)
    const deadline = new ControlledDeadline();
    const built = track(
      buildApp(socketEnv(slack), { startupPolicy: () => deadline.policy(), socketModeClientPingTimeoutMs: 400 }),
    );
    const starting = built.app.start(0).catch((e: unknown) => e);
    const port = await built.port();
    await until(() => built.app.slackConnection.snapshot().lastProblem !== undefined, 'a failed WebSocket attempt');
    const meanwhile = await health(port);
    expect(meanwhile).toMatchObject({ status: 503, body: { ok: false, state: 'starting' } });
    deadline.expire();
    const error = await starting;
    expect(error).toBeInstanceOf(StartupError);
    expect((error as Error).message).toBe(
      `cannot open the Socket Mode connection to ${wsHost}: connect ECONNREFUSED ${wsHost}; gave up after 60 s`,
    );
    expect((error as Error).message).not.toContain('ticket');
  });

  it('gives up at the deadline naming what apps.connections.open answered when no Socket Mode URL comes', async () => {
    const slack = await FakeSlack.start();
    cleanup.push(() => slack.close());
    slack.failAlways('apps.connections.open', { status: 500 });
    const deadline = new ControlledDeadline();
    const built = track(buildApp(socketEnv(slack), { startupPolicy: () => deadline.policy() }));
    const starting = built.app.start(0).catch((e: unknown) => e);
    // The client retries on its own (about a second apart): the second call means the first answer was seen.
    await slack.waitFor(
      (c) => slack.callsTo('apps.connections.open').length >= 2 && c.method === 'apps.connections.open',
    );
    deadline.expire();
    const error = await starting;
    expect((error as Error).message).toBe(
      `cannot get a Socket Mode URL (apps.connections.open): ${new URL(slack.url).host} answered HTTP 500; gave up after 60 s`,
    );
  });

  it('stops at once when Slack refuses the app token', async () => {
    const slack = await FakeSlack.start();
    cleanup.push(() => slack.close());
    slack.override('apps.connections.open', () => ({ ok: false, error: 'invalid_auth' }));
    const deadline = new ControlledDeadline();
    const built = track(buildApp(socketEnv(slack), { startupPolicy: () => deadline.policy() }));
    const error = await built.app.start(0).catch((e: unknown) => e);
    expect((error as Error).message).toBe('Slack refused SLACK_APP_TOKEN (apps.connections.open): invalid_auth');
    expect(slack.callsTo('apps.connections.open')).toHaveLength(1);
    expect((error as Error).message + built.log.text()).not.toContain(APP_TOKEN);
  });
});
