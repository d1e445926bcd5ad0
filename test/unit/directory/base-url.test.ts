import { describe, expect, it } from 'vitest';
import {
  adminUsersUrl,
  forgotUrlPage,
  kintoneUrl,
  loginUrl,
  parseCybozuBaseUrl,
} from '../../../src/directory/base-url.js';

describe('parseCybozuBaseUrl', () => {
  it.each([
    ['https://example.cybozu.com', 'https://example.cybozu.com/'],
    ['https://example.cybozu.com/', 'https://example.cybozu.com/'],
    ['  https://Example.Cybozu.com/  ', 'https://example.cybozu.com/'],
    ['https://my-company.s.cybozu.com', 'https://my-company.s.cybozu.com/'],
    ['https://example.kintone.com', 'https://example.kintone.com/'],
    ['https://example.cybozu.cn', 'https://example.cybozu.cn/'],
    ['https://example.cybozu.com:443/', 'https://example.cybozu.com/'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080/'],
    ['https://127.0.0.1:8443/', 'https://127.0.0.1:8443/'],
    ['http://localhost:3000', 'http://localhost:3000/'],
    ['http://localhost', 'http://localhost/'],
  ])('accepts %s', (raw, expected) => {
    const result = parseCybozuBaseUrl(raw);
    expect(result).toEqual({ ok: true, url: new URL(expected) });
  });

  it.each([
    ['', 'empty'],
    ['example.cybozu.com', 'not a URL'],
    ['http://example.cybozu.com', 'https'],
    ['https://example.cybozu.com/k/', 'path'],
    ['https://example.cybozu.com/login', 'path'],
    ['https://example.cybozu.com/?saml=off', 'path'],
    ['https://user:secret@example.cybozu.com/', 'credentials'],
    ['https://example.com/', 'not a cybozu.com environment'],
    ['https://cybozu.com/', 'not a cybozu.com environment'],
    ['https://example.cybozu.com.evil.net/', 'not a cybozu.com environment'],
    ['https://a.b.cybozu.com/', 'not a cybozu.com environment'],
    ['https://example.cybozu.com:8443/', 'port'],
    ['ftp://example.cybozu.com/', 'https'],
    ['http://10.0.0.1:8080/', 'not a cybozu.com environment'],
  ])('rejects %s', (raw, reason) => {
    const result = parseCybozuBaseUrl(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problem).toContain(reason);
      expect(result.problem).toContain('https://{subdomain}.cybozu.com');
    }
  });

  it('never echoes credentials back in the problem', () => {
    const result = parseCybozuBaseUrl('https://user:hunter2@example.cybozu.com/');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).not.toContain('hunter2');
  });
});

describe('environment URLs', () => {
  const base = new URL('https://example.cybozu.com/');
  it('builds the login, kintone and administration URLs', () => {
    expect(loginUrl(base).href).toBe('https://example.cybozu.com/login');
    expect(kintoneUrl(base).href).toBe('https://example.cybozu.com/k/');
    expect(adminUsersUrl(base).href).toBe('https://example.cybozu.com/admin/');
  });

  it('points the forgotten-URL help at cybozu', () => {
    expect(new URL(forgotUrlPage).protocol).toBe('https:');
    expect(new URL(forgotUrlPage).hostname).toMatch(/cybozu/);
  });
});
