import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/client.js';
import { migrateDatabase } from '../../db/migrate.js';
import { createApp, type KintoneLoginApp } from '../../src/app.js';
import { ManualClock } from '../../src/clock.js';
import { parseConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { CapturedLog, T0 } from '../helpers/app-harness.js';
import { FakeSlack } from '../helpers/fake-slack.js';
import { FakeSocketMode } from '../helpers/fake-socket-mode.js';
import { rawRequest, rawSocket } from '../helpers/raw-http.js';

const HEALTH_TOKEN = 'socket-health-token';

describe('the HTTP edge in Socket Mode (health and SSO callback server)', () => {
  let slack: FakeSlack;
  let socket: FakeSocketMode;
  let db: Db;
  let app: KintoneLoginApp;
  let base: string;
  let dir: string;
  beforeAll(async () => {
    slack = await FakeSlack.start();
    socket = await FakeSocketMode.start(slack);
    dir = mkdtempSync(join(tmpdir(), 'kintone-login-socket-'));
    const config = parseConfig({
      SLACK_BOT_TOKEN: 'xoxb-socket-edge',
      SLACK_APP_TOKEN: 'xapp-1-A1-socket-edge',
      SLACK_API_URL: slack.url,
      SUPPORT_CHANNEL_ID: 'CSOCK1',
      PORT: '0',
      DATABASE_PATH: join(dir, 'app.db'),
      HEALTH_TOKEN,
      LOG_LEVEL: 'debug',
    });
    db = openDatabase(config.databasePath);
    migrateDatabase(db);
    app = createApp({
      config,
      db,
      logger: createLogger('debug', new CapturedLog()),
      clock: new ManualClock(T0),
      outboxPollMs: 3_600_000,
      schedulerPollMs: 3_600_000,
    });
    // The app's own server in both modes: port 0 works in Socket Mode too, and start() says which port it got.
    base = `http://127.0.0.1:${await app.start(0)}`;
    await socket.connected;
  });
  afterAll(async () => {
    await app.stop();
    db.$client.close();
    await socket.close();
    await slack.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers like the HTTP mode: 404 for unknown paths, 405 with Allow, HEAD /healthz, no Slack endpoint', async () => {
    const cases: [method: string, path: string, status: number, allow?: string][] = [
      ['GET', '/', 404],
      ['GET', '/favicon.ico', 404],
      ['POST', '/slack/events', 404],
      ['HEAD', '/healthz', 200],
      ['GET', '/healthz/', 200],
      ['GET', '//healthz?x', 200],
      ['POST', '/healthz', 405, 'GET, HEAD'],
      ['PUT', '/oidc/callback', 405, 'GET'],
      ['GET', '/%00', 404],
    ];
    for (const [method, path, status, allow] of cases) {
      const res = await rawRequest(base, {
        method,
        path,
        ...(method === 'GET' || method === 'HEAD' ? {} : { body: 'null' }),
      });
      expect(res.status, `${method} ${path}`).toBe(status);
      expect(res.headers.allow, `${method} ${path}`).toBe(allow);
    }
    for (const line of ['GET //[ HTTP/1.1', 'GET http://x/healthz HTTP/1.1', 'BREW / HTTP/1.1']) {
      expect(await rawSocket(base, `${line}\r\nHost: x\r\nConnection: close\r\n\r\n`), line).not.toMatch(
        /^HTTP\/1\.1 5/,
      );
    }
    expect((await rawRequest(base, { path: '/healthz' })).status).toBe(200);
  });

  it('shows the public health view, and the Socket Mode connection with the token', async () => {
    expect(JSON.parse((await rawRequest(base, { path: '/healthz' })).body)).toEqual({
      ok: true,
      db: 'ok',
      state: 'running',
    });
    const detailed = JSON.parse(
      (await rawRequest(base, { path: '/healthz', headers: { authorization: `Bearer ${HEALTH_TOKEN}` } })).body,
    );
    expect(detailed).toMatchObject({
      ok: true,
      db: 'ok',
      state: 'running',
      slack: { mode: 'socket', connected: true },
    });
  });

  it('still answers commands over the socket after the stray requests', async () => {
    const ack = await socket.send('slash_commands', {
      command: '/kintone-login',
      text: 'help',
      user_id: 'USOCK1',
      team_id: 'T1',
      channel_id: 'C1',
      trigger_id: 't',
      response_url: 'http://127.0.0.1:1/',
      api_app_id: 'A1',
    });
    expect(ack.payload.text).toContain('/kintone-login');
  });
});
