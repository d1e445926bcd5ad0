import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DirectoryUnavailableError } from '../../../src/directory/errors.js';
import type { FakeCybozu } from '../../helpers/fake-cybozu.js';
import { ADMIN_LOGIN, ADMIN_PASSWORD, BASIC, TOKEN, apiFor, startFake } from './setup.js';

describe('CybozuUserApi', () => {
  let fake: FakeCybozu;
  beforeEach(async () => {
    fake = await startFake();
  });
  afterEach(() => fake.close());

  describe('reads', () => {
    it('finds an account by login name', async () => {
      fake.addUser({ code: 'hanako', name: 'Hanako', email: 'Hanako@Example.com', locale: 'en' });
      const user = await apiFor(fake).findByLoginName('hanako');
      expect(user).toEqual({
        id: '1',
        loginName: 'hanako',
        name: 'Hanako',
        email: 'Hanako@Example.com',
        active: true,
        locale: 'en',
      });
      const [call] = fake.callsTo('GET', '/v1/users.json');
      expect(call?.query).toEqual({ 'codes[0]': 'hanako' });
      expect(call?.headers['authorization']).toBe(`Bearer ${TOKEN}`);
    });

    it('answers null, not an error, for an unknown login name', async () => {
      expect(await apiFor(fake).findByLoginName('nobody')).toBeNull();
    });

    it('answers null for a blank login name without asking the API (it would list everyone)', async () => {
      fake.addUser({ code: 'taro', name: 'Taro' });
      expect(await apiFor(fake).findByLoginName('  ')).toBeNull();
      expect(fake.calls).toHaveLength(0);
    });

    it('turns an unset e-mail into null', async () => {
      fake.addUser({ code: 'taro', name: 'Taro' });
      expect((await apiFor(fake).findByLoginName('taro'))?.email).toBeNull();
    });

    it('looks up many login names in batches of at most 100', async () => {
      for (let i = 0; i < 250; i++) fake.addUser({ code: `u${i}`, name: `User ${i}` });
      const names = Array.from({ length: 250 }, (_, i) => `u${i}`);
      const users = await apiFor(fake).findByLoginNames([...names, 'missing']);
      expect(users).toHaveLength(250);
      const calls = fake.callsTo('GET', '/v1/users.json');
      expect(calls.map((c) => Object.keys(c.query).length)).toEqual([100, 100, 51]);
    });

    it('lists services, and [] for an unknown account', async () => {
      fake.addUser({ code: 'taro', name: 'Taro', services: ['garoon', 'kintone'] });
      const api = apiFor(fake);
      expect(await api.services('taro')).toEqual(['garoon', 'kintone']);
      expect(await api.services('nobody')).toEqual([]);
    });

    it('tells administrators (Administrators group) from other accounts', async () => {
      fake.addUser({ code: 'boss', name: 'Boss', administrator: true });
      fake.addUser({ code: 'taro', name: 'Taro' });
      const api = apiFor(fake);
      expect(await api.isAdministrator('boss')).toBe(true);
      expect(await api.isAdministrator('taro')).toBe(false);
      expect(await api.isAdministrator('nobody')).toBe(false);
      expect(fake.callsTo('GET', '/v1/user/groups.json')[0]?.query).toEqual({ code: 'boss' });
    });
  });

  describe('authentication headers', () => {
    it('sends X-Cybozu-Authorization for password auth, and Basic auth alongside it', async () => {
      const guarded = await startFake({ login: ADMIN_LOGIN, password: ADMIN_PASSWORD, basicAuth: BASIC });
      try {
        guarded.addUser({ code: 'taro', name: 'Taro' });
        const api = apiFor(guarded, {
          auth: { kind: 'password', login: ADMIN_LOGIN, password: ADMIN_PASSWORD },
          basicAuth: BASIC,
        });
        expect((await api.findByLoginName('taro'))?.loginName).toBe('taro');
        const headers = guarded.calls[0]?.headers ?? {};
        expect(headers['x-cybozu-authorization']).toBe(
          Buffer.from(`${ADMIN_LOGIN}:${ADMIN_PASSWORD}`).toString('base64'),
        );
        expect(headers['authorization']).toBe(`Basic ${Buffer.from(BASIC).toString('base64')}`);
      } finally {
        await guarded.close();
      }
    });
  });

  describe('writes', () => {
    it('keeps a suspended user suspended when resetting the password', async () => {
      fake.addUser({ code: 'taro', name: 'Taro', valid: false });
      await apiFor(fake).setPassword('taro', 'Temp-pass-1234');
      const [put] = fake.callsTo('PUT', '/v1/users.json');
      expect(put?.body).toEqual({ users: [{ code: 'taro', password: 'Temp-pass-1234', valid: false }] });
      expect(fake.user('taro')).toMatchObject({ valid: false, password: 'Temp-pass-1234' });
    });

    it('keeps an active user active when resetting the password', async () => {
      fake.addUser({ code: 'taro', name: 'Taro' });
      await apiFor(fake).setPassword('taro', 'Temp-pass-1234');
      expect(fake.callsTo('PUT', '/v1/users.json')[0]?.body).toEqual({
        users: [{ code: 'taro', password: 'Temp-pass-1234', valid: true }],
      });
    });

    it('resumes with valid: true and suspends with valid: false', async () => {
      fake.addUser({ code: 'taro', name: 'Taro', valid: false });
      const api = apiFor(fake);
      await api.resume('taro');
      expect(fake.user('taro')?.valid).toBe(true);
      await api.suspend('taro');
      expect(fake.user('taro')?.valid).toBe(false);
      expect(fake.callsTo('PUT', '/v1/users.json').map((c) => c.body)).toEqual([
        { users: [{ code: 'taro', valid: true }] },
        { users: [{ code: 'taro', valid: false }] },
      ]);
    });

    it('assigns kintone by writing back the whole list with kintone added', async () => {
      fake.addUser({ code: 'taro', name: 'Taro', services: ['garoon', 'office'] });
      await apiFor(fake).assignService('taro', 'kintone');
      expect(fake.callsTo('PUT', '/v1/users/services.json')[0]?.body).toEqual({
        users: [{ code: 'taro', services: ['garoon', 'office', 'kintone'] }],
      });
      expect(fake.user('taro')?.services).toEqual(['garoon', 'office', 'kintone']);
    });

    it('does not write when the service is already assigned', async () => {
      fake.addUser({ code: 'taro', name: 'Taro', services: ['kintone'] });
      await apiFor(fake).assignService('taro', 'kintone');
      expect(fake.callsTo('PUT', '/v1/users/services.json')).toHaveLength(0);
    });
  });

  describe('retries', () => {
    it('retries a read after a 503 and then succeeds', async () => {
      fake.addUser({ code: 'taro', name: 'Taro' });
      fake.failNext(1, { status: 503, html: '<html>maintenance</html>' });
      const sleeps: number[] = [];
      const api = apiFor(fake, { retryBaseMs: 100, sleep: async (ms) => void sleeps.push(ms) });
      expect((await api.findByLoginName('taro'))?.loginName).toBe('taro');
      expect(fake.callsTo('GET', '/v1/users.json')).toHaveLength(2);
      expect(sleeps).toEqual([100]);
    });

    it('gives up after readRetries extra attempts, backing off exponentially', async () => {
      fake.failAlways({ status: 503 });
      const sleeps: number[] = [];
      const api = apiFor(fake, { readRetries: 2, retryBaseMs: 100, sleep: async (ms) => void sleeps.push(ms) });
      await expect(api.findByLoginName('taro')).rejects.toBeInstanceOf(DirectoryUnavailableError);
      expect(fake.callsTo('GET', '/v1/users.json')).toHaveLength(3);
      expect(sleeps).toEqual([100, 200]);
    });

    it('does not retry a read that failed for a reason a retry cannot fix', async () => {
      fake.failAlways({ status: 403, html: '<html>denied</html>' });
      await expect(apiFor(fake).findByLoginName('taro')).rejects.toMatchObject({ kind: 'ip_restricted' });
      expect(fake.calls).toHaveLength(1);
    });

    it('never retries a write, even on 503', async () => {
      fake.addUser({ code: 'taro', name: 'Taro', valid: false });
      fake.failAlways({ status: 503 }, { method: 'PUT' });
      await expect(apiFor(fake).setPassword('taro', 'Temp-pass-1234')).rejects.toBeInstanceOf(
        DirectoryUnavailableError,
      );
      expect(fake.callsTo('PUT', '/v1/users.json')).toHaveLength(1);
    });
  });

  describe('findByEmail', () => {
    function seed250(): void {
      for (let i = 0; i < 250; i++) fake.addUser({ code: `u${i}`, name: `User ${i}`, email: `u${i}@example.com` });
      fake.addUser({ code: 'twin-a', name: 'Twin A', email: 'Shared@Example.com' });
      fake.addUser({ code: 'twin-b', name: 'Twin B', email: 'shared@example.com' });
    }

    it('pages through all users 100 at a time and matches case-insensitively', async () => {
      seed250();
      const api = apiFor(fake);
      const found = await api.findByEmail('  SHARED@example.COM ');
      expect(found.map((u) => u.loginName)).toEqual(['twin-a', 'twin-b']);
      const pages = fake.callsTo('GET', '/v1/users.json').map((c) => c.query);
      expect(pages).toEqual([
        { size: '100', offset: '0' },
        { size: '100', offset: '100' },
        { size: '100', offset: '200' },
      ]);
      expect(await api.findByEmail('u249@example.com')).toHaveLength(1);
      expect(await api.findByEmail('nobody@example.com')).toEqual([]);
    });

    it('fetches one more page when the last one is exactly full', async () => {
      for (let i = 0; i < 200; i++) fake.addUser({ code: `u${i}`, name: `User ${i}`, email: `u${i}@example.com` });
      expect(await apiFor(fake).findByEmail('u199@example.com')).toHaveLength(1);
      expect(fake.callsTo('GET', '/v1/users.json')).toHaveLength(3);
    });

    it('reuses the list within the TTL, reloads after it, and drops it on a write', async () => {
      seed250();
      let clock = 1_000_000;
      const api = apiFor(fake, { now: () => clock, userListTtlMs: 60_000 });
      const pageCalls = () => fake.callsTo('GET', '/v1/users.json').filter((c) => 'offset' in c.query).length;

      await api.findByEmail('u1@example.com');
      clock += 59_000;
      await api.findByEmail('u2@example.com');
      expect(pageCalls()).toBe(3);

      clock += 2_000;
      await api.findByEmail('u3@example.com');
      expect(pageCalls()).toBe(6);

      await api.suspend('u3');
      await api.findByEmail('u3@example.com');
      expect(pageCalls()).toBe(9);
    });

    it('shares one load between concurrent lookups', async () => {
      seed250();
      const api = apiFor(fake);
      await Promise.all([api.findByEmail('u1@example.com'), api.findByEmail('u2@example.com')]);
      expect(fake.callsTo('GET', '/v1/users.json')).toHaveLength(3);
    });

    it('answers [] for a blank e-mail without listing anyone', async () => {
      expect(await apiFor(fake).findByEmail(' ')).toEqual([]);
      expect(fake.calls).toHaveLength(0);
    });
  });
});
