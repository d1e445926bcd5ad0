import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorFromAnswer } from '../../../src/directory/error-mapping.js';
import type { FakeCybozu } from '../../helpers/fake-cybozu.js';
import { apiFor, startFake } from './setup.js';

// cybozu's update-users page says an omitted `locale` follows the browser, but its 2020-06 update notice says an
// omitted `locale` is left unchanged since then; an omitted `valid` becomes true. A write therefore carries only
// what the action means to change, plus the account's current `valid`.
describe('a write changes only what it means to', () => {
  let fake: FakeCybozu;
  beforeEach(async () => {
    fake = await startFake();
  });
  afterEach(() => fake.close());

  it('a password reset PUTs exactly the login name, the password and the current valid', async () => {
    fake.addUser({
      code: 'hanako',
      name: 'Hanako',
      email: 'h@example.com',
      valid: false,
      locale: 'en',
      services: ['kintone'],
    });
    await apiFor(fake).setPassword('hanako', 'Secret123abc');
    const puts = fake.calls.filter((c) => c.method !== 'GET');
    expect(puts.map((c) => `${c.method} ${c.path}`)).toEqual(['PUT /v1/users.json']);
    expect(puts[0]!.body).toEqual({ users: [{ code: 'hanako', password: 'Secret123abc', valid: false }] });
  });

  it('a resume PUTs exactly the login name and valid: true', async () => {
    fake.addUser({ code: 'jiro', name: 'Jiro', valid: false });
    await apiFor(fake).resume('jiro');
    const puts = fake.calls.filter((c) => c.method !== 'GET');
    expect(puts.map((c) => c.body)).toEqual([{ users: [{ code: 'jiro', valid: true }] }]);
  });

  it('assigning kintone makes only the services call, keeping the other services', async () => {
    fake.addUser({ code: 'saburo', name: 'Saburo', services: ['garoon', 'secure_access'] });
    await apiFor(fake).assignService('saburo', 'kintone');
    const writes = fake.calls.filter((c) => c.method !== 'GET');
    expect(writes.map((c) => `${c.method} ${c.path}`)).toEqual(['PUT /v1/users/services.json']);
    expect(writes[0]!.body).toEqual({ users: [{ code: 'saburo', services: ['garoon', 'secure_access', 'kintone'] }] });
  });
});

describe('cybozu error codes the client did not know', () => {
  it('maps CB_TW02 (two-factor on the bot’s account) to two_factor, keeping the id', () => {
    const error = errorFromAnswer({
      status: 520,
      bodyText: JSON.stringify({ code: 'CB_TW02', id: 'T1', message: 'two-factor' }),
    });
    expect(error).toMatchObject({ kind: 'two_factor', cybozuErrorId: 'T1', retryable: false });
  });

  it('maps CB_NO02 to forbidden whatever the status', () => {
    const error = errorFromAnswer({
      status: 520,
      bodyText: JSON.stringify({ code: 'CB_NO02', id: 'N1', message: 'No privilege to proceed.' }),
    });
    expect(error).toMatchObject({ kind: 'forbidden', cybozuCode: 'CB_NO02', cybozuErrorId: 'N1' });
  });
});
