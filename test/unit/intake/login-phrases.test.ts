import { describe, expect, it } from 'vitest';
import { dayIn } from '../../../src/intake/listening.js';
import { foldForMatching, isAboutKintoneLogin, LOGIN_PHRASES } from '../../../src/intake/login-phrases.js';

describe('help-channel login phrases', () => {
  it.each([
    'kintoneにログインできません',
    'kintone にログインできない…',
    'キントーンにログイン出来ません',
    'ｋｉｎｔｏｎｅ　ログインできない',
    'kintoneに入れないのですが、どうすればいいですか',
    'kintone のパスワードを忘れました',
    'cybozu.com のアカウントがロックされました',
    'サイボウズにサインインできない',
    "I can't log in to kintone",
    'I can’t log in to Kintone since this morning',
    'Cannot login to kintone',
    'kintone: unable to log in',
    'Locked out of kintone again',
    'forgot my password for kintone',
    'kintone login error',
  ])('matches %s', (text) => {
    expect(isAboutKintoneLogin(text)).toBe(true);
  });

  it.each([
    'kintone のアプリを作りました',
    'kintoneのログイン画面のURLを教えてください',
    'I cannot log in to Jira',
    'ログインできません(Box の話です)',
    'kintone is great',
    '',
  ])('does not match %s', (text) => {
    expect(isAboutKintoneLogin(text)).toBe(false);
  });

  it('keeps its phrases in the folded form they are compared in', () => {
    for (const phrase of [...LOGIN_PHRASES.topics, ...LOGIN_PHRASES.troubles.ja, ...LOGIN_PHRASES.troubles.en])
      expect(foldForMatching(phrase)).toBe(phrase);
  });

  it('counts days in the team’s time zone', () => {
    // 2026-11-25 23:30 UTC is already the 26th in Tokyo.
    expect(dayIn(Date.UTC(2026, 10, 25, 23, 30), 'Asia/Tokyo')).toBe('2026-11-26');
    expect(dayIn(Date.UTC(2026, 10, 25, 23, 30), 'UTC')).toBe('2026-11-25');
  });
});
