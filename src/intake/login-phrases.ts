/**
 * When a help-channel message is about not being able to log in to kintone: it names kintone (or cybozu.com) and
 * a login trouble. Plain data, matched on a folded text, so the list can grow with what people actually write; no
 * network classifier sees anyone's message. test/unit/intake/login-phrases.test.ts holds what must and must not match.
 */
export const LOGIN_PHRASES = {
  /** What the message must be about (one of these). */
  topics: ['kintone', 'キントーン', 'きんとーん', 'cybozu', 'サイボウズ'],
  /** The trouble (one of these). Written without spaces: the text is compared with its spaces removed. */
  troubles: {
    ja: [
      'ログインできない',
      'ログインできません',
      'ログインできなく',
      'ログインが出来',
      'ログインができな',
      'ログインができません',
      'ログイン出来な',
      'ログイン出来ません',
      'ログインに失敗',
      'ログインエラー',
      'ログインしようとすると',
      'サインインできな',
      'サインインできません',
      '入れない',
      '入れません',
      'はいれない',
      'はいれません',
      'パスワードを忘れ',
      'パスワード忘れ',
      'パスワードが違',
      'パスワードが通らな',
      'ロックされ',
      'ロックアウト',
      'アカウントが停止',
      '使用停止',
    ],
    en: [
      "can'tlogin",
      'cantlogin',
      'cannotlogin',
      "can'tlogon",
      'cannotlogon',
      "can'tsignin",
      'cannotsignin',
      'unabletolog',
      'unabletosignin',
      'notabletolog',
      "couldn'tlog",
      'couldnotlog',
      "can'tgetinto",
      "can'tgetin",
      'lockedout',
      'forgotmypassword',
      'forgotpassword',
      'passwordnotworking',
      'loginfailed',
      'loginerror',
      'loginproblem',
      'loginissue',
      'troubleloggingin',
      'troublesigningin',
    ],
  },
} as const;

/** NFKC (full-width letters, half-width katakana), lower case, one kind of apostrophe, no white space. */
export function foldForMatching(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/[\s\u3000]+/g, '');
}

/** Whether a message is someone saying they cannot log in to kintone. */
export function isAboutKintoneLogin(text: string): boolean {
  const folded = foldForMatching(text);
  if (!LOGIN_PHRASES.topics.some((topic) => folded.includes(topic))) return false;
  return [...LOGIN_PHRASES.troubles.ja, ...LOGIN_PHRASES.troubles.en].some((phrase) => folded.includes(phrase));
}
