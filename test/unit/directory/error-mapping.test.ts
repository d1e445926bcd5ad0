import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CybozuUserApi } from '../../../src/directory/cybozu-client.js';
import { errorFromAnswer, errorFromFetchFailure } from '../../../src/directory/error-mapping.js';
import {
  DirectoryAuthError,
  DirectoryError,
  DirectoryForbiddenError,
  DirectoryMissingAuthError,
  DirectoryNotConfiguredError,
  DirectoryTimeoutError,
  DirectoryUnavailableError,
  DirectoryUnexpectedError,
  DirectoryUserNotFoundError,
  DirectoryValidationError,
} from '../../../src/directory/errors.js';
import type { FakeCybozu } from '../../helpers/fake-cybozu.js';
import { ADMIN_LOGIN, ADMIN_PASSWORD, BASIC, TOKEN, apiFor, closedPortUrl, recordingLog, startFake } from './setup.js';

async function failure(promise: Promise<unknown>): Promise<DirectoryError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DirectoryError);
    return error as DirectoryError;
  }
  throw new Error('expected the call to fail');
}

describe('error mapping over HTTP', () => {
  let fake: FakeCybozu;
  beforeEach(async () => {
    fake = await startFake();
    fake.addUser({ code: 'taro', name: 'Taro', email: 'taro@example.com' });
  });
  afterEach(() => fake.close());

  it('maps CB_WA01 on 520 (wrong token) to DirectoryAuthError', async () => {
    const api = apiFor(fake, { auth: { kind: 'token', token: 'cy.s.api1.wrong' } });
    const error = await failure(api.findByLoginName('taro'));
    expect(error).toBeInstanceOf(DirectoryAuthError);
    expect(error).toMatchObject({ kind: 'auth', status: 520, cybozuCode: 'CB_WA01', retryable: false });
    expect(error.cybozuErrorId).toMatch(/^fake-/);
  });

  it('maps CB_WA01 on 401 to DirectoryAuthError', async () => {
    fake.failNext(1, { status: 401, body: { code: 'CB_WA01', id: 'abc', message: 'bad' } });
    const error = await failure(apiFor(fake).findByLoginName('taro'));
    expect(error).toBeInstanceOf(DirectoryAuthError);
    expect(error).toMatchObject({ status: 401, cybozuErrorId: 'abc' });
  });

  it('maps a 401 without a body to DirectoryAuthError', async () => {
    fake.failNext(1, { status: 401 });
    const error = await failure(apiFor(fake).findByLoginName('taro'));
    expect(error).toBeInstanceOf(DirectoryAuthError);
    expect(error).toMatchObject({ kind: 'auth', status: 401, basicAuthChallenge: false });
  });

  it('flags a Basic challenge when the subdomain has Basic auth on and we send none', async () => {
    const guarded = await startFake({ login: ADMIN_LOGIN, password: ADMIN_PASSWORD, basicAuth: BASIC });
    try {
      const api = apiFor(guarded, { auth: { kind: 'password', login: ADMIN_LOGIN, password: ADMIN_PASSWORD } });
      const error = await failure(api.findByLoginName('taro'));
      expect(error).toBeInstanceOf(DirectoryAuthError);
      expect(error).toMatchObject({ status: 401, basicAuthChallenge: true });
    } finally {
      await guarded.close();
    }
  });

  it('maps CB_AU01 to DirectoryMissingAuthError', async () => {
    fake.failNext(1, { status: 520, body: { code: 'CB_AU01', id: 'x1', message: 'ログインしてください。' } });
    const error = await failure(apiFor(fake).findByLoginName('taro'));
    expect(error).toBeInstanceOf(DirectoryMissingAuthError);
    expect(error).toMatchObject({ kind: 'missing_auth', status: 520, cybozuCode: 'CB_AU01', cybozuErrorId: 'x1' });
  });

  it('maps CB_VA01 to DirectoryValidationError with the field messages', async () => {
    const error = await failure(apiFor(fake).setPassword('taro', 'p'.repeat(65)));
    expect(error).toBeInstanceOf(DirectoryValidationError);
    expect(error).toMatchObject({ kind: 'validation', status: 400, cybozuCode: 'CB_VA01' });
    expect((error as DirectoryValidationError).fieldMessages).toEqual({
      'users[0].password': ['64文字以内で入力してください。'],
    });
    expect(error.message).not.toContain('p'.repeat(65));
  });

  it('maps a JSON 403 to DirectoryForbiddenError (forbidden)', async () => {
    fake.failNext(1, { status: 403, body: { code: 'CB_NO02', id: 'n2', message: '権限がありません。' } });
    const error = await failure(apiFor(fake).resume('taro'));
    expect(error).toBeInstanceOf(DirectoryForbiddenError);
    expect(error).toMatchObject({ kind: 'forbidden', status: 403, cybozuCode: 'CB_NO02', retryable: false });
  });

  it('maps a non-JSON 403 (the IP restriction page) to DirectoryForbiddenError (ip_restricted)', async () => {
    fake.failNext(1, { status: 403, html: '<html><body>アクセスが制限されています</body></html>' });
    const error = await failure(apiFor(fake).findByLoginName('taro'));
    expect(error).toBeInstanceOf(DirectoryForbiddenError);
    expect(error).toMatchObject({ kind: 'ip_restricted', status: 403, retryable: false });
    expect(error.cybozuCode).toBeUndefined();
  });

  it('treats a Bearer token together with Basic auth as DirectoryNotConfiguredError', () => {
    const build = () =>
      new CybozuUserApi({ baseUrl: new URL(fake.url), auth: { kind: 'token', token: TOKEN }, basicAuth: BASIC });
    expect(build).toThrow(DirectoryNotConfiguredError);
    try {
      build();
    } catch (error) {
      const problems = (error as DirectoryNotConfiguredError).problems;
      expect(problems.join(' ')).toContain('CYBOZU_API_TOKEN');
      expect(problems.join(' ')).toContain('CYBOZU_BASIC_AUTH');
      expect((error as Error).message).not.toContain(TOKEN);
      expect((error as Error).message).not.toContain('proxy-S3cret');
    }
  });

  it('refuses to send credentials to a host that is not a cybozu.com environment', () => {
    expect(
      () => new CybozuUserApi({ baseUrl: new URL('https://evil.example.com/'), auth: { kind: 'token', token: TOKEN } }),
    ).toThrow(DirectoryNotConfiguredError);
  });

  it('surfaces a slow answer as DirectoryTimeoutError within about the configured time', async () => {
    fake.failNext(1, { delayMs: 2000 });
    const api = apiFor(fake, { timeoutMs: 200, readRetries: 0 });
    const started = Date.now();
    const error = await failure(api.findByLoginName('taro'));
    expect(Date.now() - started).toBeLessThan(1500);
    expect(error).toBeInstanceOf(DirectoryTimeoutError);
    expect(error).toMatchObject({ kind: 'timeout', timeoutMs: 200, retryable: true });
  });

  it('maps a refused connection to DirectoryUnavailableError', async () => {
    const api = apiFor(fake, { baseUrl: new URL(await closedPortUrl()), readRetries: 0 });
    const error = await failure(api.findByLoginName('taro'));
    expect(error).toBeInstanceOf(DirectoryUnavailableError);
    expect(error).toMatchObject({
      kind: 'unavailable',
      reason: 'connection',
      networkCode: 'ECONNREFUSED',
      retryable: true,
    });
  });

  it('maps a dropped connection to DirectoryUnavailableError', async () => {
    fake.failNext(1, { drop: true });
    const error = await failure(apiFor(fake, { readRetries: 0 }).findByLoginName('taro'));
    expect(error).toBeInstanceOf(DirectoryUnavailableError);
    expect(error).toMatchObject({ reason: 'connection', retryable: true });
  });

  it.each([500, 502, 503, 504])('maps %i to DirectoryUnavailableError (server)', async (status) => {
    fake.failNext(1, { status, html: '<html>Service Unavailable</html>' });
    const error = await failure(apiFor(fake, { readRetries: 0 }).findByLoginName('taro'));
    expect(error).toBeInstanceOf(DirectoryUnavailableError);
    expect(error).toMatchObject({ reason: 'server', status, retryable: true });
  });

  it('maps a 520 that is not cybozu JSON (e.g. a proxy) to DirectoryUnavailableError', async () => {
    fake.failNext(1, { status: 520, html: '<html>Web server is returning an unknown error</html>' });
    const error = await failure(apiFor(fake, { readRetries: 0 }).findByLoginName('taro'));
    expect(error).toBeInstanceOf(DirectoryUnavailableError);
    expect(error).toMatchObject({ reason: 'server', status: 520 });
  });

  it('maps a 520 with another cybozu code to DirectoryUnexpectedError, keeping code and id', async () => {
    fake.failNext(1, { status: 520, body: { code: 'GAIA_XX99', id: 'support-me', message: '?' } });
    const error = await failure(apiFor(fake).findByLoginName('taro'));
    expect(error).toBeInstanceOf(DirectoryUnexpectedError);
    expect(error).toMatchObject({
      kind: 'unexpected',
      status: 520,
      cybozuCode: 'GAIA_XX99',
      cybozuErrorId: 'support-me',
      retryable: false,
    });
    expect(fake.callsTo('GET', '/v1/users.json')).toHaveLength(1);
  });

  it('maps any other status to DirectoryUnexpectedError, keeping the status', async () => {
    fake.failNext(1, { status: 404, html: '<html>Not Found</html>' });
    const error = await failure(apiFor(fake).findByLoginName('taro'));
    expect(error).toBeInstanceOf(DirectoryUnexpectedError);
    expect(error).toMatchObject({ status: 404 });
  });

  it('maps a 200 that is not JSON to DirectoryUnexpectedError', async () => {
    fake.failNext(1, { status: 200, html: '<html>captive portal</html>' });
    const error = await failure(apiFor(fake).findByLoginName('taro'));
    expect(error).toBeInstanceOf(DirectoryUnexpectedError);
  });

  it('throws DirectoryUserNotFoundError when a write addresses an unknown login name', async () => {
    const api = apiFor(fake);
    for (const write of [
      api.setPassword('nobody', 'Abcdefg1'),
      api.resume('nobody'),
      api.suspend('nobody'),
      api.assignService('nobody', 'kintone'),
    ]) {
      const error = await failure(write);
      expect(error).toBeInstanceOf(DirectoryUserNotFoundError);
      expect(error).toMatchObject({ kind: 'user_not_found', loginName: 'nobody' });
    }
    expect(fake.callsTo('PUT', '/v1/users.json')).toHaveLength(0);
    expect(fake.callsTo('PUT', '/v1/users/services.json')).toHaveLength(0);
  });

  it('never puts credentials or passwords into error messages or logs', async () => {
    const log = recordingLog();
    const newPassword = 'N3w-password-not-for-logs';
    const secrets = [
      TOKEN,
      ADMIN_PASSWORD,
      newPassword,
      Buffer.from(`${ADMIN_LOGIN}:${ADMIN_PASSWORD}`).toString('base64'),
    ];
    const byPassword = apiFor(fake, { auth: { kind: 'password', login: ADMIN_LOGIN, password: ADMIN_PASSWORD }, log });
    const byToken = apiFor(fake, { log, readRetries: 0 });
    const errors: unknown[] = [];
    const collect = (p: Promise<unknown>) => p.catch((e: unknown) => errors.push(e));

    await collect(byPassword.setPassword('taro', newPassword)); // password auth not configured on the fake: CB_WA01
    fake.failNext(
      1,
      {
        status: 400,
        body: { code: 'CB_VA01', id: 'v', message: 'bad', errors: { 'users[0].password': { messages: ['too weak'] } } },
      },
      { method: 'PUT' },
    );
    await collect(byToken.setPassword('taro', newPassword));
    fake.failNext(1, { status: 503 });
    await collect(byToken.findByLoginName('taro'));
    await byToken.setPassword('taro', newPassword);

    expect(errors).toHaveLength(3);
    const visible = JSON.stringify([errors.map((e) => [(e as Error).message, { ...(e as object) }]), log.lines]);
    for (const secret of secrets) expect(visible).not.toContain(secret);
    expect(log.lines.some((line) => line.level === 'debug' && 'latencyMs' in line.obj)).toBe(true);
  });
});

describe('error mapping, pure', () => {
  it.each([
    ['CERT_HAS_EXPIRED'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE'],
    ['ERR_TLS_CERT_ALTNAME_INVALID'],
    ['ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED'],
  ])('classifies %s as a TLS failure that is not retried', (code) => {
    const error = errorFromFetchFailure(
      new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code }) }),
      5000,
    );
    expect(error).toBeInstanceOf(DirectoryUnavailableError);
    expect(error).toMatchObject({ reason: 'tls', networkCode: code, retryable: false });
  });

  it('classifies DNS failures, with ENOTFOUND not retried and EAI_AGAIN retried', () => {
    const dns = (code: string) =>
      errorFromFetchFailure(new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code }) }), 5000);
    expect(dns('ENOTFOUND')).toMatchObject({ reason: 'dns', retryable: false });
    expect(dns('EAI_AGAIN')).toMatchObject({ reason: 'dns', retryable: true });
  });

  it('finds the code inside an AggregateError (several addresses tried)', () => {
    const cause = new AggregateError([Object.assign(new Error('a'), { code: 'ECONNREFUSED' })], 'all failed');
    const error = errorFromFetchFailure(new TypeError('fetch failed', { cause }), 5000);
    expect(error).toMatchObject({ reason: 'connection', networkCode: 'ECONNREFUSED' });
  });

  it('maps 429 to a retryable DirectoryUnavailableError', () => {
    expect(errorFromAnswer({ status: 429, bodyText: '' })).toMatchObject({
      kind: 'unavailable',
      reason: 'rate_limited',
      retryable: true,
    });
  });

  it('keeps CB_WA01 as an auth error whatever the status', () => {
    const error = errorFromAnswer({ status: 400, bodyText: '{"code":"CB_WA01","id":"i","message":"m"}' });
    expect(error).toBeInstanceOf(DirectoryAuthError);
  });

  // The code cybozu uses for "no free licence" is unconfirmed: recognised by its words, whatever the code.
  it.each([
    [
      400,
      {
        code: 'CB_VA01',
        id: 'i',
        message: '入力内容が正しくありません。',
        errors: { 'users[0].valid': { messages: ['ライセンス数を超えています。'] } },
      },
    ],
    [520, { code: 'GAIA_XX01', id: 'i', message: 'The number of users exceeds the license limit.' }],
    [400, { code: 'CB_VA01', id: 'i', message: '利用ユーザー数が契約ユーザー数を超えます。' }],
    [403, { code: 'CB_XX99', id: 'i', message: 'No licence available.' }],
  ])('maps a %s answer that speaks of licences to no_licence', (status, body) => {
    const error = errorFromAnswer({ status, bodyText: JSON.stringify(body) });
    expect(error).toMatchObject({ kind: 'no_licence', retryable: false, cybozuErrorId: 'i' });
  });

  it('leaves credential errors and unrelated validation errors as they are', () => {
    const answer = (body: object) => errorFromAnswer({ status: 520, bodyText: JSON.stringify(body) });
    expect(answer({ code: 'CB_NO02', message: 'No privilege to proceed. (license)' })).toMatchObject({
      kind: 'forbidden',
    });
    expect(answer({ code: 'CB_TW02', message: 'license' })).toMatchObject({ kind: 'two_factor' });
    expect(
      answer({ code: 'CB_VA01', errors: { 'users[0].password': { messages: ['8文字以上で入力してください。'] } } }),
    ).toMatchObject({ kind: 'validation' });
  });
});
