import { describe, expect, it } from 'vitest';
import { catalogues } from '../../src/i18n/index.js';
import { BANNED_TERMS, findBannedTerms } from '../../src/i18n/wording.js';
import { LOCALES, type Locale, type Text, type Tree } from '../../src/troubleshoot/schema.js';
import { loginTree } from '../../src/troubleshoot/tree.js';

/** Every text of the tree a user can see, labelled with where it is. */
function treeTexts(tree: Tree): { where: string; text: Text }[] {
  return tree.nodes.flatMap((node) => {
    if (node.kind === 'question') {
      return [
        { where: `${node.id}.text`, text: node.text },
        ...(node.help ? [{ where: `${node.id}.help`, text: node.help }] : []),
        ...node.answers.map((a) => ({ where: `${node.id}.${a.id}`, text: a.label })),
      ];
    }
    return [
      { where: `${node.id}.title`, text: node.title },
      ...node.steps.map((s, i) => ({ where: `${node.id}.steps[${i}]`, text: s })),
    ];
  });
}

const report = (where: string, text: string, locale: Locale) =>
  findBannedTerms(text, locale).map((p) => `${where} (${locale}): "${p.found}" → ${p.term.preferred}`);

describe('wording checked against cybozu help', () => {
  it('no message catalogue uses a banned term', () => {
    const problems = LOCALES.flatMap((locale) =>
      Object.entries(catalogues[locale]).flatMap(([key, text]) => report(key, text, locale)),
    );
    expect(problems).toEqual([]);
  });

  it('no tree text uses a banned term', () => {
    const problems = treeTexts(loginTree).flatMap(({ where, text }) =>
      LOCALES.flatMap((locale) => report(where, text[locale], locale)),
    );
    expect(problems).toEqual([]);
  });

  it.each([
    ['ja', 'cybozu.com共有管理で設定します', 'cybozu.com共通管理'],
    ['ja', 'ブラウザを閉じてください', 'Webブラウザー'],
    ['ja', 'kintone にログインできない', 'kintoneにログイン (no space before Japanese)'],
    ['ja', 'kintone　ログイン', 'kintoneにログイン (no space before Japanese)'],
    ['ja', '二段階認証を設定', '2要素認証'],
    ['ja', '数回でだめなら', '解決しない場合は'],
    ['ja', 'いまの当番', '現在'],
    ['ja', 'あなたはいま当番中です', '現在'],
    ['ja', 'ストア管理者に連絡', 'サイボウズドットコム ストアの管理者'],
    ['ja', '購入管理者に連絡', 'サイボウズドットコム ストアの管理者'],
    ['ja', 'ストアの管理者に連絡', 'サイボウズドットコム ストアの管理者'],
    ['ja', '「パスワードを変更」を押す', '[パスワードの変更]'],
    ['ja', 'API トークンの権限が足りません', 'API token スコープ (APIトークンのスコープ)'],
    ['ja', '当てはまるものはどれですか?', '当てはまるものを選んでください'],
    ['ja', '…s.cybozu.com を開く', '(サブドメイン名).s.cybozu.com'],
    ['en', 'Ask the store administrator', 'cybozu.com Store administrator'],
    ['en', 'the purchasing administrator', 'cybozu.com Store administrator'],
    ['en', 'in shared administration', 'cybozu.com common administration'],
  ] as const)('flags %s "%s"', (locale, text, preferred) => {
    expect(findBannedTerms(text, locale).map((p) => p.term.preferred)).toContain(preferred);
  });

  it.each([
    ['ja', 'cybozu.com共通管理で設定しています。Webブラウザーを閉じてください。kintoneにログインします。'],
    ['ja', 'サイボウズドットコム ストアの管理者に連絡してください。当てはまるものを選んでください。'],
    ['ja', 'ロックされています。いません。ありました。`/kintone-login` を実行'],
    ['en', 'Ask the cybozu.com Store administrator in cybozu.com common administration.'],
  ] as const)('accepts the preferred wording (%s) "%s"', (locale, text) => {
    expect(findBannedTerms(text, locale)).toEqual([]);
  });

  it('lists a preferred term for every banned one', () => {
    for (const term of BANNED_TERMS) expect(term.preferred.trim()).not.toBe('');
  });
});
