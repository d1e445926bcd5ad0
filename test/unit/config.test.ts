import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { CONFIG_VARIABLES, ConfigError, parseConfig } from '../../src/config.js';
import { tsxArgs } from '../helpers/tsx-args.js';

const base = { SLACK_BOT_TOKEN: 'xoxb-1-2-3', SUPPORT_CHANNEL_ID: 'C0123ABC', SLACK_SIGNING_SECRET: 'shh' };

function problems(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('parseConfig', () => {
  it('applies the documented defaults', () => {
    const config = parseConfig(base);
    expect(config).toMatchObject({
      slack: { mode: 'http' },
      port: 3000,
      databasePath: 'data/kintone-login.db',
      escalationMinutes: 15,
      timezone: 'Asia/Tokyo',
      defaultLocale: 'ja',
      logLevel: 'info',
      adminSlackIds: [],
    });
    expect(config.cybozu).toBeUndefined();
    expect(Object.isFrozen(config.slack)).toBe(true);
  });

  it('chooses Socket Mode when an app token is set', () => {
    expect(parseConfig({ ...base, SLACK_APP_TOKEN: 'xapp-1-A-1' }).slack.mode).toBe('socket');
  });

  it('lists one line per problem, naming the variable', () => {
    expect(problems({})).toEqual([
      'SLACK_BOT_TOKEN: is required',
      'SUPPORT_CHANNEL_ID: is required',
      expect.stringMatching(/^SLACK_APP_TOKEN: is required for Socket Mode .*SLACK_SIGNING_SECRET/),
    ]);
    const many = problems({
      ...base,
      PORT: 'eighty',
      DEFAULT_LOCALE: 'fr',
      TIMEZONE: 'Mars/Olympus',
      ADMIN_SLACK_IDS: 'U123ABC, alice',
    });
    expect(many.map((p) => p.split(':')[0])).toEqual(['PORT', 'ADMIN_SLACK_IDS', 'TIMEZONE', 'DEFAULT_LOCALE']);
  });

  it('never echoes a value, even a secret in the wrong place', () => {
    const secret = 'xoxp-very-secret-user-token';
    const lines = problems({ ...base, SLACK_BOT_TOKEN: secret, SLACK_APP_TOKEN: 'not-a-token-secret' });
    expect(lines.join('\n')).not.toContain(secret);
    expect(lines.join('\n')).not.toContain('not-a-token-secret');
    expect(lines).toHaveLength(2);
  });

  it('requires the app token in socket mode and the signing secret in http mode', () => {
    expect(problems({ ...base, SLACK_MODE: 'socket' })).toEqual([
      expect.stringMatching(/^SLACK_APP_TOKEN: is required in socket mode/),
    ]);
    expect(problems({ SLACK_BOT_TOKEN: 'xoxb-1', SUPPORT_CHANNEL_ID: 'C1AB', SLACK_MODE: 'http' })).toEqual([
      expect.stringMatching(/^SLACK_SIGNING_SECRET: is required in http mode/),
    ]);
  });

  it('parses the admin list and treats empty values as unset', () => {
    const config = parseConfig({ ...base, ADMIN_SLACK_IDS: 'U0AAA1, U0BBB2 ,', PORT: '', LOG_LEVEL: '' });
    expect(config.adminSlackIds).toEqual(['U0AAA1', 'U0BBB2']);
    expect(config.port).toBe(3000);
    expect(config.logLevel).toBe('info');
  });

  it('reads the proxy variables (lower-case first) and names the one that is malformed without echoing it', () => {
    expect(
      parseConfig({
        ...base,
        https_proxy: 'http://u:pw@proxy.corp:3128',
        HTTPS_PROXY: 'http://other:1',
        NO_PROXY: 'cybozu.com,127.0.0.1:8080',
      }).proxy,
    ).toEqual({
      httpsProxy: 'http://u:pw@proxy.corp:3128',
      httpProxy: undefined,
      noProxy: 'cybozu.com,127.0.0.1:8080',
    });
    const lines = problems({
      ...base,
      https_proxy: 'socks5://u:hunter2@proxy:1080',
      HTTP_PROXY: 'ftp://x',
      NO_PROXY: 'ok.example, 10.0.0.0/99',
    });
    expect(lines).toEqual([
      expect.stringMatching(/^https_proxy: expected the proxy as http:\/\/host:port/),
      expect.stringMatching(/^HTTP_PROXY: expected the proxy/),
      expect.stringMatching(/^NO_PROXY: entry 2 is not/),
    ]);
    expect(lines.join('\n')).not.toMatch(/hunter2|10\.0\.0\.0/);
  });

  it('bounds the start-up wait and the tolerated Socket Mode outage (seconds)', () => {
    expect(parseConfig(base).slack).toMatchObject({ startupTimeoutSeconds: 60, disconnectedUnhealthySeconds: 120 });
    expect(
      parseConfig({ ...base, SLACK_STARTUP_TIMEOUT_SECONDS: '5', SLACK_DISCONNECTED_UNHEALTHY_SECONDS: '30' }).slack,
    ).toMatchObject({ startupTimeoutSeconds: 5, disconnectedUnhealthySeconds: 30 });
    expect(
      problems({ ...base, SLACK_STARTUP_TIMEOUT_SECONDS: '0', SLACK_DISCONNECTED_UNHEALTHY_SECONDS: 'soon' }).map(
        (l) => l.split(':')[0],
      ),
    ).toEqual(['SLACK_STARTUP_TIMEOUT_SECONDS', 'SLACK_DISCONNECTED_UNHEALTHY_SECONDS']);
  });

  it('documents every variable in .env.example, and nothing else', () => {
    const documented = Object.keys(parseEnv(readFileSync('.env.example', 'utf8'))).sort();
    expect(documented).toEqual([...CONFIG_VARIABLES].sort());
  });

  it('rejects the empty .env.example as it is, naming what to fill in', () => {
    const lines = problems(parseEnv(readFileSync('.env.example', 'utf8')) as Record<string, string>);
    expect(lines.map((l) => l.split(':')[0])).toEqual(['SLACK_BOT_TOKEN', 'SUPPORT_CHANNEL_ID', 'SLACK_APP_TOKEN']);
  });

  it('accepts the cybozu.com base URL forms and local test URLs, and rejects the rest', () => {
    const withToken = { ...base, CYBOZU_API_TOKEN: 'cy.s.api1.token' };
    for (const url of [
      'https://example.cybozu.com',
      'https://example.s.cybozu.com',
      'https://example.kintone.com',
      'https://example.cybozu.cn',
      'http://127.0.0.1:8080',
      'http://localhost:9000',
    ]) {
      expect(problems({ ...withToken, CYBOZU_BASE_URL: url }), url).toEqual([]);
    }
    for (const url of [
      'http://example.cybozu.com',
      'https://example.com',
      'https://evil.cybozu.com.example.net',
      'not a url',
    ]) {
      const lines = problems({ ...withToken, CYBOZU_BASE_URL: url });
      expect(lines, url).toHaveLength(1);
      expect(lines[0]).toMatch(/^CYBOZU_BASE_URL: /);
      expect(lines[0]).toContain('cybozu.com');
    }
  });

  it('refuses an API token together with Basic auth, and credentials without a base URL', () => {
    const lines = problems({
      ...base,
      CYBOZU_BASE_URL: 'https://example.cybozu.com',
      CYBOZU_API_TOKEN: 'cy.s.api1.t',
      CYBOZU_BASIC_AUTH: 'u:p',
    });
    expect(lines).toEqual([expect.stringMatching(/^CYBOZU_API_TOKEN: .*CYBOZU_BASIC_AUTH/)]);
    expect(problems({ ...base, CYBOZU_API_TOKEN: 'cy.s.api1.t' })).toEqual([
      'CYBOZU_BASE_URL: is required when cybozu credentials are set',
    ]);
    expect(problems({ ...base, CYBOZU_BASE_URL: 'https://example.cybozu.com' })[0]).toMatch(
      /^CYBOZU_API_TOKEN: set CYBOZU_API_TOKEN, or CYBOZU_LOGIN and CYBOZU_PASSWORD/,
    );
    expect(
      parseConfig({
        ...base,
        CYBOZU_BASE_URL: 'https://example.cybozu.com',
        CYBOZU_LOGIN: 'admin',
        CYBOZU_PASSWORD: 'pw',
        CYBOZU_BASIC_AUTH: 'u:p',
      }).cybozu,
    ).toMatchObject({ login: 'admin', basicAuth: 'u:p', timeoutMs: 5000 });
  });

  it('wants the OIDC variables together', () => {
    expect(problems({ ...base, OIDC_ISSUER: 'https://idp.example.com' })).toEqual([
      expect.stringMatching(/^OIDC_ISSUER: single sign-on needs/),
    ]);
  });
});

/** Runs src/main.ts as `npm start` would (through tsx, so no build is needed) in an empty directory. */
function runMain(env: Record<string, string>) {
  const cwd = mkdtempSync(join(tmpdir(), 'kintone-login-cfg-'));
  return spawnSync(process.execPath, tsxArgs('src/main.ts'), {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 90_000,
  });
}

describe('npm start with a bad configuration', { timeout: 120_000 }, () => {
  it('exits 1 with one line per problem and no stack trace', () => {
    const result = runMain({ SLACK_BOT_TOKEN: 'xoxb-secret-value-1', SLACK_MODE: 'socket' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      'config error: no .env file in this directory: create it with `cp .env.example .env` and fill it in',
      'config error: SUPPORT_CHANNEL_ID: is required',
      expect.stringMatching(/^config error: SLACK_APP_TOKEN: is required in socket mode/),
    ]);
    expect(result.stderr).not.toContain('xoxb-secret-value-1');
    expect(result.stderr).not.toMatch(/\bat \w+ \(/);
  });

  it('reports a cross-variable problem the same way', () => {
    const result = runMain({ SLACK_BOT_TOKEN: 'xoxb-1', SUPPORT_CHANNEL_ID: 'C0123', SLACK_MODE: 'socket' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toMatch(/^config error: SLACK_APP_TOKEN: is required in socket mode/);
  });
});

describe('environment settings defaults (CYBOZU_LOCKOUT_… and friends)', () => {
  it('are cybozu’s own defaults when nothing is set', () => {
    expect(parseConfig(base).environmentDefaults).toMatchObject({
      lockout: { enabled: true, failures: 10, unlockAfterMinutes: 3 },
      password: { minLength: 8, kinds: ['letters', 'digits'], notLoginName: true },
      usersMayChangePassword: true,
      mustChangeTemporaryPassword: true,
      selfReset: true,
    });
  });

  it('reads "never", kinds and explicit flags', () => {
    const config = parseConfig({
      ...base,
      CYBOZU_LOCKOUT_MINUTES: 'never',
      CYBOZU_PASSWORD_KINDS: 'symbols, mixed_case',
      CYBOZU_SELF_RESET: 'false',
      CYBOZU_PASSWORD_MIN_LENGTH: '16',
    });
    expect(config.environmentDefaults.lockout.unlockAfterMinutes).toBeNull();
    expect(config.environmentDefaults.password).toMatchObject({ minLength: 16, kinds: ['symbols', 'mixed_case'] });
    expect(config.environmentDefaults.selfReset).toBe(false);
  });

  it('names each malformed value', () => {
    expect(
      problems({
        ...base,
        CYBOZU_LOCKOUT_MINUTES: 'soon',
        CYBOZU_SELF_RESET: 'yes',
        CYBOZU_PASSWORD_KINDS: 'emoji',
        CYBOZU_PASSWORD_MIN_LENGTH: '65',
      }),
    ).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^CYBOZU_LOCKOUT_MINUTES: /),
        'CYBOZU_SELF_RESET: expected "true" or "false"',
        expect.stringMatching(/^CYBOZU_PASSWORD_KINDS: /),
        expect.stringMatching(/^CYBOZU_PASSWORD_MIN_LENGTH: /),
      ]),
    );
  });
});
