import { createServer, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { StartupAborted, StartupError } from '../../src/startup.js';
import { BOT_TOKEN, SIGNING_SECRET } from '../helpers/app-harness.js';
import { buildApp, InstantWaits, type BareApp, healthDetails } from '../helpers/bare-app.js';
import { FakeSlack } from '../helpers/fake-slack.js';
import { SlackClientSim } from '../helpers/slack-request.js';

/** A port nothing listens on (taken from the OS, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const httpEnv = (apiUrl: string) => ({
  SLACK_BOT_TOKEN: BOT_TOKEN,
  SLACK_SIGNING_SECRET: SIGNING_SECRET,
  SLACK_MODE: 'http',
  SLACK_API_URL: apiUrl,
  PORT: '0',
});

describe('start-up when Slack cannot be reached', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });
  const track = (bare: BareApp) => {
    cleanup.push(() => bare.close());
    return bare;
  };

  it('answers /healthz 503 "starting" (and Slack requests 503) while auth.test fails, backs off 1→15 s, and gives up after a minute naming host and error', async () => {
    const slack = await FakeSlack.start();
    cleanup.push(() => slack.close());
    slack.failAlways('auth.test', { status: 500 });
    let waits!: InstantWaits;
    const built = track(
      buildApp(httpEnv(slack.url), {
        startupPolicy: (clock) => (waits = new InstantWaits(clock, true)).policy(60_000),
      }),
    );
    const starting = built.app.start(0).catch((error: unknown) => error);

    await waits.firstWait;
    const port = await built.port();
    const health = await fetch(`http://127.0.0.1:${port}/healthz`, { headers: healthDetails });
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({
      ok: false,
      db: 'ok',
      state: 'starting',
      slack: { mode: 'http', connected: false },
    });
    const command = await new SlackClientSim(`http://127.0.0.1:${port}`, SIGNING_SECRET).slashCommand({
      userId: 'U1',
      text: 'help',
    });
    expect(command.status).toBe(503);

    waits.resume();
    const error = await starting;
    expect(error).toBeInstanceOf(StartupError);
    const host = new URL(slack.url).host;
    expect((error as Error).message).toBe(
      `Slack is not answering auth.test at ${host}: HTTP 500; gave up after 8 attempts in 60 s`,
    );
    expect(waits.waits).toEqual([1000, 2000, 4000, 8000, 15_000, 15_000, 15_000]);
    expect(slack.callsTo('auth.test')).toHaveLength(8);
    // Each failed attempt was logged with the host, so an operator sees why at once.
    const retries = built.log.entries.filter((e) => e.msg === 'Slack not reachable yet: retrying');
    expect(retries).toHaveLength(7);
    expect(retries[0]).toMatchObject({ target: host, call: 'auth.test', attempt: 1, retryInMs: 1000 });
    expect(built.log.text()).not.toContain(BOT_TOKEN);
    // Nothing is left listening.
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });

  it('names the host and the network error when nothing listens there (ECONNREFUSED)', async () => {
    const port = await closedPort();
    const built = track(
      buildApp(httpEnv(`http://127.0.0.1:${port}/api/`), {
        startupPolicy: (clock) => new InstantWaits(clock).policy(10_000),
      }),
    );
    const error = await built.app.start(0).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StartupError);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^cannot reach 127\\.0\\.0\\.1:${port}: connect ECONNREFUSED 127\\.0\\.0\\.1:${port}; gave up after 5 attempts in 10 s$`,
      ),
    );
  });

  it('stops at once, without retrying, when Slack refuses the bot token (and never prints it)', async () => {
    const slack = await FakeSlack.start();
    cleanup.push(() => slack.close());
    slack.failAlways('auth.test', { error: 'invalid_auth' });
    let waits!: InstantWaits;
    const built = track(
      buildApp(httpEnv(slack.url), { startupPolicy: (clock) => (waits = new InstantWaits(clock)).policy(60_000) }),
    );
    const error = await built.app.start(0).catch((e: unknown) => e);
    expect((error as Error).message).toBe('Slack refused SLACK_BOT_TOKEN (auth.test): invalid_auth');
    expect(slack.callsTo('auth.test')).toHaveLength(1);
    expect(waits.waits).toEqual([]);
    expect((error as Error).message + built.log.text()).not.toContain(BOT_TOKEN);
  });

  it('starts normally when Slack answers within the bound, and then takes requests', async () => {
    const slack = await FakeSlack.start();
    cleanup.push(() => slack.close());
    slack.fail('auth.test', { drop: true }, 2);
    slack.fail('auth.test', { status: 503 });
    let waits!: InstantWaits;
    const built = track(
      buildApp(httpEnv(slack.url), { startupPolicy: (clock) => (waits = new InstantWaits(clock)).policy(60_000) }),
    );
    const port = await built.app.start(0);
    expect(waits.waits).toEqual([1000, 2000, 4000]);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`, { headers: healthDetails });
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({
      ok: true,
      state: 'running',
      slack: { mode: 'http', connected: true, since: new Date(built.clock.now()).toISOString() },
    });
    const command = await new SlackClientSim(`http://127.0.0.1:${port}`, SIGNING_SECRET).slashCommand({
      userId: 'U1',
      text: 'help',
    });
    expect(command.status).toBe(200);
    expect(command.body.text).toContain('/kintone-login');
  });

  it('gives up quietly when stopped (SIGTERM) while still trying to reach Slack', async () => {
    const slack = await FakeSlack.start();
    cleanup.push(() => slack.close());
    slack.failAlways('auth.test', { status: 502 });
    let waits!: InstantWaits;
    const built = track(
      buildApp(httpEnv(slack.url), {
        startupPolicy: (clock) => (waits = new InstantWaits(clock, true)).policy(60_000),
      }),
    );
    const starting = built.app.start(0).catch((e: unknown) => e);
    await waits.firstWait;
    const port = await built.port();
    await built.app.stop();
    expect(await starting).toBeInstanceOf(StartupAborted);
    expect(slack.callsTo('auth.test')).toHaveLength(1);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    await built.close();
  });
});
