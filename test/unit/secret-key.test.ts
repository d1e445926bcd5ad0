import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config.js';

const base = { SLACK_BOT_TOKEN: 'xoxb-1-2-3', SUPPORT_CHANNEL_ID: 'C0123ABC', SLACK_SIGNING_SECRET: 'shh' };

function keyProblems(key: string): string[] {
  try {
    parseConfig({ ...base, SECRET_ENCRYPTION_KEY: key });
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

const random32 = Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 97 + 13) % 256));

describe('SECRET_ENCRYPTION_KEY', () => {
  it('accepts 64 hex characters and strict base64 of 32 bytes', () => {
    expect(keyProblems(random32.toString('hex'))).toEqual([]);
    expect(keyProblems(random32.toString('hex').toUpperCase())).toEqual([]);
    expect(keyProblems(random32.toString('base64'))).toEqual([]);
    expect(parseConfig({ ...base, SECRET_ENCRYPTION_KEY: random32.toString('base64') }).secretKey).toEqual(random32);
  });

  it.each([
    [
      'a passphrase that base64-decodes leniently to 32 bytes',
      'correct horse battery staple!!!!correct horse battery!!',
    ],
    ['base64 without its padding', random32.toString('base64').replace(/=+$/, '')],
    ['base64url', random32.toString('base64url')],
    [
      'base64 with spaces inside',
      `${random32.toString('base64').slice(0, 20)} ${random32.toString('base64').slice(20)}`,
    ],
    ['63 hex characters', random32.toString('hex').slice(1)],
    ['65 hex characters', `${random32.toString('hex')}0`],
    ['base64 of 31 bytes', random32.subarray(1).toString('base64')],
    ['base64 of 33 bytes', Buffer.concat([random32, Buffer.from([1])]).toString('base64')],
  ])('refuses %s', (_label, key) => {
    const found = keyProblems(key);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^SECRET_ENCRYPTION_KEY: expected 32 random bytes/);
    expect(found[0]).not.toContain(key);
  });

  it.each([
    ['all zeros', '0'.repeat(64)],
    ['one repeated byte', 'ab'.repeat(32)],
    ['four byte values', 'deadbeef'.repeat(8)],
    ['base64 of 32 equal bytes', Buffer.alloc(32, 7).toString('base64')],
  ])('refuses a key with almost no variety: %s', (_label, key) => {
    const found = keyProblems(key);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^SECRET_ENCRYPTION_KEY: .*not random/);
    expect(found[0]).not.toContain(key);
  });

  it('accepts a key with five distinct byte values (the floor is "almost none", not a statistics test)', () => {
    expect(keyProblems(`${'0102030405'.repeat(6)}0102`)).toEqual([]);
  });
});
