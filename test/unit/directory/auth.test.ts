import { describe, expect, it } from 'vitest';
import { resolveDirectoryAuth, validateDirectoryAuth } from '../../../src/directory/auth.js';

describe('validateDirectoryAuth', () => {
  it('reports a token together with Basic auth as a configuration problem naming both variables', () => {
    const problems = validateDirectoryAuth({ token: 'cy.s.api1.x', basicAuth: 'u:p' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('CYBOZU_API_TOKEN');
    expect(problems[0]).toContain('CYBOZU_BASIC_AUTH');
    expect(problems[0]).toContain('CYBOZU_LOGIN');
  });

  it.each([
    [{}, 'CYBOZU_API_TOKEN, or CYBOZU_LOGIN and CYBOZU_PASSWORD'],
    [{ login: 'admin' }, 'CYBOZU_PASSWORD is missing'],
    [{ password: 'pw' }, 'CYBOZU_LOGIN is missing'],
    [{ token: 't', login: 'admin', password: 'pw' }, 'not both'],
    [{ token: 'has space' }, 'CYBOZU_API_TOKEN must not contain'],
    [{ login: 'a:b', password: 'pw' }, 'CYBOZU_LOGIN must not contain ":"'],
    [{ login: 'admin', password: 'pw', basicAuth: 'no-colon' }, 'CYBOZU_BASIC_AUTH must be'],
  ])('reports %j', (settings, expected) => {
    expect(validateDirectoryAuth(settings).join(' | ')).toContain(expected);
  });

  it('accepts a token alone, and a login with Basic auth', () => {
    expect(validateDirectoryAuth({ token: 'cy.s.api1.x' })).toEqual([]);
    expect(validateDirectoryAuth({ login: 'admin', password: 'pw', basicAuth: 'u:p' })).toEqual([]);
  });

  it('treats empty strings as unset (as an empty env variable is)', () => {
    expect(validateDirectoryAuth({ token: 'cy.s.api1.x', basicAuth: '', login: '' })).toEqual([]);
  });

  it('never includes the secret values in problems', () => {
    const problems = validateDirectoryAuth({
      token: 'secret token',
      login: 'x:y',
      password: 'hunter2',
      basicAuth: 'nocolon',
    });
    const text = problems.join(' ');
    for (const secret of ['secret token', 'hunter2', 'nocolon', 'x:y']) expect(text).not.toContain(secret);
  });
});

describe('resolveDirectoryAuth', () => {
  it('builds the auth from the settings', () => {
    expect(resolveDirectoryAuth({ login: 'admin', password: 'pw', basicAuth: 'u:p' })).toEqual({
      ok: true,
      auth: { kind: 'password', login: 'admin', password: 'pw' },
      basicAuth: 'u:p',
    });
    expect(resolveDirectoryAuth({ token: 't' })).toEqual({ ok: true, auth: { kind: 'token', token: 't' } });
    expect(resolveDirectoryAuth({ token: 't', basicAuth: 'u:p' }).ok).toBe(false);
  });
});
