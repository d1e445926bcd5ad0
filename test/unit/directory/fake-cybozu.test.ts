// The fake must behave like the documented API, or tests built on it prove nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeCybozu } from '../../helpers/fake-cybozu.js';
import { TOKEN, startFake } from './setup.js';

describe('FakeCybozu', () => {
  let fake: FakeCybozu;
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${fake.url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json', ...headers },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });

  beforeEach(async () => {
    fake = await startFake();
  });
  afterEach(() => fake.close());

  it('resumes a suspended user when a PUT omits valid, like the real API', async () => {
    fake.addUser({ code: 'taro', name: 'Taro', valid: false });
    const res = await call('PUT', '/v1/users.json', { users: [{ code: 'taro', password: 'x1234567' }] });
    expect(res.status).toBe(200);
    expect(fake.user('taro')).toMatchObject({ valid: true, password: 'x1234567', passwordChanges: 1 });
  });

  it('sorts users by id, leaves unknown codes out, and honours size and offset', async () => {
    for (const code of ['c', 'a', 'b']) fake.addUser({ code, name: code });
    const all = await (await call('GET', '/v1/users.json?codes[0]=b&codes[1]=zz&codes[2]=c')).json();
    expect(all.users.map((u: { code: string }) => u.code)).toEqual(['c', 'b']);
    const page = await (await call('GET', '/v1/users.json?size=1&offset=1')).json();
    expect(page.users.map((u: { code: string }) => u.code)).toEqual(['a']);
  });

  it.each(['size=0', 'size=101', 'offset=-1'])('rejects %s with CB_VA01', async (query) => {
    const res = await call('GET', `/v1/users.json?${query}`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'CB_VA01' });
  });

  it('rejects an unknown code on PUT with CB_VA01 and changes nothing', async () => {
    fake.addUser({ code: 'taro', name: 'Taro', valid: false });
    const res = await call('PUT', '/v1/users.json', { users: [{ code: 'taro', valid: true }, { code: 'ghost' }] });
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toEqual({ 'users[1].code': { messages: ['ユーザーが見つかりません。'] } });
    expect(fake.user('taro')?.valid).toBe(false);
  });

  it('answers 520 CB_WA01 for wrong credentials and 520 CB_AU01 for none', async () => {
    const wrong = await call('GET', '/v1/users.json', undefined, { Authorization: 'Bearer nope' });
    expect(wrong.status).toBe(520);
    expect(await wrong.json()).toMatchObject({ code: 'CB_WA01', id: expect.any(String), message: expect.any(String) });
    const none = await fetch(`${fake.url}/v1/users.json`);
    expect(none.status).toBe(520);
    expect(await none.json()).toMatchObject({ code: 'CB_AU01' });
  });

  it('adds and deletes users, and serves groups, organisations and the login page', async () => {
    expect(
      (await call('POST', '/v1/users.json', { users: [{ code: 'new', name: 'New', password: 'pw123456' }] })).status,
    ).toBe(200);
    expect(fake.user('new')).toMatchObject({ valid: true, password: 'pw123456' });
    expect(await (await call('GET', '/v1/user/groups.json?code=new')).json()).toMatchObject({
      groups: [{ code: 'everyone' }],
    });
    expect(await (await call('GET', '/v1/user/organizations.json?code=new')).json()).toEqual({
      organizationTitles: [],
    });
    expect((await call('DELETE', '/v1/users.json', { codes: ['new'] })).status).toBe(200);
    expect(fake.user('new')).toBeUndefined();
    const login = await fetch(`${fake.url}/login`);
    expect(login.status).toBe(200);
    expect(await login.text()).toContain('<form');
  });

  it('applies a scoped fault only to its method and path, n times', async () => {
    fake.failNext(2, { status: 503 }, { method: 'GET', path: '/v1/users/services.json' });
    expect((await call('GET', '/v1/users.json')).status).toBe(200);
    expect((await call('GET', '/v1/users/services.json')).status).toBe(503);
    expect((await call('GET', '/v1/users/services.json')).status).toBe(503);
    expect((await call('GET', '/v1/users/services.json')).status).toBe(200);
    expect(fake.calls).toHaveLength(4);
  });
});
