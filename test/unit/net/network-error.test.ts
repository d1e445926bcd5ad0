import { WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError, WebAPIRequestError } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { describeNetworkError, networkProblem } from '../../../src/net/network-error.js';
import { classifyStartupFailure } from '../../../src/startup.js';

const connectError = (code: string, message: string) => Object.assign(new Error(message), { code });
const fetchFailed = (cause: unknown) => new TypeError('fetch failed', { cause });

describe('what went wrong on the wire, in one phrase', () => {
  it('finds the code and innermost message through fetch, WebAPIRequestError and AggregateError wrappers', () => {
    expect(describeNetworkError(fetchFailed(connectError('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.1:443')))).toBe(
      'connect ECONNREFUSED 10.0.0.1:443',
    );
    expect(
      describeNetworkError(
        new WebAPIRequestError(fetchFailed(connectError('ENOTFOUND', 'getaddrinfo ENOTFOUND slack.com'))),
      ),
    ).toBe('getaddrinfo ENOTFOUND slack.com');
    const both = Object.assign(
      new AggregateError([
        connectError('ECONNREFUSED', 'connect ECONNREFUSED ::1:443'),
        connectError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:443'),
      ]),
      { code: 'ECONNREFUSED' },
    );
    expect(describeNetworkError(fetchFailed(both))).toBe('connect ECONNREFUSED 127.0.0.1:443');
    expect(describeNetworkError(new DOMException('The operation was aborted due to timeout', 'TimeoutError'))).toBe(
      'TIMEOUT (The operation was aborted due to timeout)',
    );
    expect(describeNetworkError(new TypeError(''))).toBe('network error without details');
  });

  it('never repeats a password or token found in a message', () => {
    expect(describeNetworkError(new Error('proxy http://user:hunter2@proxy:8080 refused xoxb-123-abc'))).not.toMatch(
      /hunter2|xoxb-123/,
    );
  });

  it('marks certificate problems, which a retry will not fix', () => {
    expect(
      networkProblem(
        fetchFailed(connectError('SELF_SIGNED_CERT_IN_CHAIN', 'self-signed certificate in certificate chain')),
      ).certificate,
    ).toBe(true);
    expect(networkProblem(fetchFailed(connectError('ECONNRESET', 'socket hang up'))).certificate).toBe(false);
  });
});

describe('what a failed auth.test at start means', () => {
  const target = {
    what: 'auth.test',
    url: new URL('https://slack.com/api/auth.test'),
    proxy: null,
    credential: 'SLACK_BOT_TOKEN',
  };
  const platform = (error: string) => new WebAPIPlatformError({ ok: false, error } as never);

  it('retries network failures, 5xx, 429 (honouring Retry-After) and Slack-side hiccups', () => {
    expect(
      classifyStartupFailure(
        new WebAPIRequestError(fetchFailed(connectError('ETIMEDOUT', 'connect ETIMEDOUT 1.2.3.4:443'))),
        target,
      ),
    ).toEqual({ retry: true, line: 'cannot reach slack.com:443: connect ETIMEDOUT 1.2.3.4:443' });
    expect(classifyStartupFailure(new WebAPIHTTPError(503, 'Service Unavailable', {}, ''), target)).toMatchObject({
      retry: true,
      line: 'Slack is not answering auth.test at slack.com:443: HTTP 503',
    });
    expect(classifyStartupFailure(new WebAPIRateLimitedError(30), target)).toMatchObject({
      retry: true,
      retryAfterSeconds: 30,
    });
    expect(classifyStartupFailure(platform('internal_error'), target)).toMatchObject({ retry: true });
  });

  it('stops at once for a refused token, an unexpected answer, or an untrusted certificate; names the proxy when there is one', () => {
    expect(classifyStartupFailure(platform('token_revoked'), target)).toEqual({
      retry: false,
      line: 'Slack refused SLACK_BOT_TOKEN (auth.test): token_revoked',
    });
    expect(classifyStartupFailure(new WebAPIHTTPError(404, 'Not Found', {}, ''), target)).toMatchObject({
      retry: false,
      line: 'unexpected answer to auth.test at slack.com:443: HTTP 404',
    });
    const viaProxy = { ...target, proxy: new URL('http://user:pw@proxy.corp:8080') };
    const cert = classifyStartupFailure(
      new WebAPIRequestError(
        fetchFailed(connectError('SELF_SIGNED_CERT_IN_CHAIN', 'self-signed certificate in certificate chain')),
      ),
      viaProxy,
    );
    expect(cert.retry).toBe(false);
    expect(cert.line).toBe(
      'cannot reach slack.com:443 through the proxy http://proxy.corp:8080: SELF_SIGNED_CERT_IN_CHAIN (self-signed certificate in certificate chain) — the certificate is not trusted (a TLS-inspecting proxy needs its CA in NODE_EXTRA_CA_CERTS)',
    );
  });
});
