/**
 * Terms the app must not use, each with the term cybozu's own help uses instead (docs/glossary.md).
 * Checked against every catalogue string and every tree text by test/unit/wording.test.ts, so wording drift
 * is caught when it is written, not when an employee compares the bot with cybozu's screens.
 */
import type { Locale } from '../troubleshoot/schema.js';

export type BannedTerm = {
  locale: Locale;
  /** what is wrong, as found in text */
  pattern: RegExp;
  /** the term to write instead */
  preferred: string;
  why: string;
};

const JAPANESE_CHAR = String.raw`[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}ー]`;

export const BANNED_TERMS: readonly BannedTerm[] = [
  { locale: 'ja', pattern: /共有管理/u, preferred: 'cybozu.com共通管理', why: 'the administration screen is 共通管理' },
  {
    locale: 'ja',
    pattern: /ブラウザ(?!ー)/u,
    preferred: 'Webブラウザー',
    why: 'cybozu writes ブラウザー with the long vowel',
  },
  {
    locale: 'ja',
    pattern: new RegExp(String.raw`kintone[ \u3000]+(?=${JAPANESE_CHAR})`, 'u'),
    preferred: 'kintoneにログイン (no space before Japanese)',
    why: 'cybozu writes「kintoneにログイン」without a space',
  },
  { locale: 'ja', pattern: /二段階認証|2段階認証/u, preferred: '2要素認証', why: 'cybozu calls it 2要素認証' },
  { locale: 'ja', pattern: /だめなら|ダメなら/u, preferred: '解決しない場合は', why: 'business-polite tone' },
  // いま as a word (いまの, いまは, いま当番…), not the polite ending います/いません/いました nor …ないまま.
  { locale: 'ja', pattern: /いま(?![すせしま])/u, preferred: '現在', why: 'business-polite tone' },
  {
    locale: 'ja',
    pattern: /(?<!サイボウズドットコム )ストアの管理者|ストア管理者|購入管理者|契約管理者|cybozu\.com ?ストア/u,
    preferred: 'サイボウズドットコム ストアの管理者',
    why: 'one term for the store administrator, as in cybozu help',
  },
  {
    locale: 'ja',
    pattern: /「パスワードを変更」|パスワード変更ボタン/u,
    preferred: '[パスワードの変更]',
    why: 'the button is labelled パスワードの変更',
  },
  {
    locale: 'ja',
    pattern: /トークンの権限/u,
    preferred: 'API token スコープ (APIトークンのスコープ)',
    why: 'cybozu calls what a token may do its スコープ',
  },
  {
    locale: 'ja',
    pattern: /当てはまるもの(は|はどれですか)[??]/u,
    preferred: '当てはまるものを選んでください',
    why: 'business-polite tone',
  },
  {
    locale: 'ja',
    pattern: /…s\.cybozu\.com/u,
    preferred: '(サブドメイン名).s.cybozu.com',
    why: 'the Secure Access address is SUBDOMAIN.s.cybozu.com',
  },
  {
    locale: 'en',
    pattern: /shared administration/iu,
    preferred: 'cybozu.com common administration',
    why: 'name of the screen',
  },
  {
    locale: 'en',
    pattern: /purchas\w* administrator|(?<!cybozu\.com )store administrator/iu,
    preferred: 'cybozu.com Store administrator',
    why: 'one term for the store administrator',
  },
  {
    locale: 'en',
    pattern: /…s\.cybozu\.com/u,
    preferred: '(subdomain).s.cybozu.com',
    why: 'the Secure Access address is SUBDOMAIN.s.cybozu.com',
  },
];

export type WordingProblem = { term: BannedTerm; found: string };

/** The banned terms `text` (in `locale`) contains, with the text matched. */
export function findBannedTerms(text: string, locale: Locale): WordingProblem[] {
  const problems: WordingProblem[] = [];
  for (const term of BANNED_TERMS) {
    if (term.locale !== locale) continue;
    const match = term.pattern.exec(text);
    if (match) problems.push({ term, found: match[0] });
  }
  return problems;
}
