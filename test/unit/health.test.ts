import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.js';
import { migrateDatabase } from '../../db/migrate.js';
import { ManualClock } from '../../src/clock.js';
import { parseConfig } from '../../src/config.js';
import { bearerMatches, HealthState, healthReport } from '../../src/health.js';
import { SlackConnection } from '../../src/slack/connection-state.js';
import { createLogger } from '../../src/logger.js';
import { CapturedLog } from '../helpers/app-harness.js';

const TOKEN = 'a-health-token-0123456789';

describe('HEALTH_TOKEN', () => {
  it('matches only `Bearer <token>` exactly', () => {
    expect(bearerMatches(`Bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(bearerMatches(`bearer ${TOKEN}`, TOKEN)).toBe(true);
    for (const header of [
      undefined,
      '',
      TOKEN,
      `Bearer ${TOKEN}x`,
      `Bearer ${TOKEN.slice(1)}`,
      `Basic ${TOKEN}`,
      'Bearer ',
      `Bearer ${TOKEN} extra`,
    ]) {
      expect(bearerMatches(header, TOKEN), String(header)).toBe(false);
    }
  });

  it('lets nobody in when no token is configured', () => {
    for (const header of [undefined, '', 'Bearer ', 'Bearer undefined'])
      expect(bearerMatches(header, undefined)).toBe(false);
  });

  it('is optional, and refuses a short or spaced token naming the variable, never its value', () => {
    const base = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SUPPORT_CHANNEL_ID: 'C1AB' };
    expect(parseConfig(base).healthToken).toBeUndefined();
    expect(parseConfig({ ...base, HEALTH_TOKEN: '' }).healthToken).toBeUndefined();
    expect(parseConfig({ ...base, HEALTH_TOKEN: TOKEN }).healthToken).toBe(TOKEN);
    for (const bad of ['short-token', 'a token with spaces in it']) {
      expect(() => parseConfig({ ...base, HEALTH_TOKEN: bad })).toThrow(
        /HEALTH_TOKEN: expected at least 16 characters/,
      );
      try {
        parseConfig({ ...base, HEALTH_TOKEN: bad });
      } catch (error) {
        expect((error as Error).message).not.toContain(bad);
      }
    }
  });
});

describe('healthReport', () => {
  it('answers 503 with state "stopping" once the app is shutting down, though the database is fine', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kintone-login-health-'));
    const db = openDatabase(join(dir, 'h.db'));
    try {
      migrateDatabase(db);
      const deps = { db, clock: new ManualClock(0), logger: createLogger('info', new CapturedLog()) };
      const state = new HealthState();
      const connection = new SlackConnection('http', deps.clock, 60_000, deps.logger);
      state.slack = connection;
      const opts = { schedulerPollMs: 5000, detailed: false };
      expect(healthReport(deps, state, opts)).toEqual({
        status: 503,
        body: { ok: false, db: 'ok', state: 'starting' },
      });
      connection.ready();
      expect(healthReport(deps, state, opts)).toEqual({ status: 200, body: { ok: true, db: 'ok', state: 'running' } });
      connection.stopping();
      expect(healthReport(deps, state, opts)).toEqual({
        status: 503,
        body: { ok: false, db: 'ok', state: 'stopping' },
      });
    } finally {
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
