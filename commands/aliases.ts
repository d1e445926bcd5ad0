/**
 * Japanese words for the sub-commands, so nobody has to leave Japanese input to ask for help. Each phrase
 * stands for the English words after it (`当番 オン 18:00` is `duty on 18:00`); the longest phrase wins, and
 * its words may be written apart (half- or full-width space) or together (`当番オン`).
 */
export const japaneseAliases: readonly { phrase: string; means: string }[] = [
  { phrase: '相談', means: 'report' },
  { phrase: '報告', means: 'report' },
  { phrase: '状況', means: 'status' },
  { phrase: '状態', means: 'status' },
  { phrase: '診断', means: 'diagnose' },
  { phrase: '当番', means: 'oncall' },
  { phrase: '当番 オン', means: 'duty on' },
  { phrase: '当番 オフ', means: 'duty off' },
  { phrase: '管理者', means: 'admins' },
  { phrase: '管理者 追加', means: 'admins add' },
  { phrase: '管理者 削除', means: 'admins remove' },
  { phrase: '統計', means: 'stats' },
  { phrase: '見守り', means: 'listen' },
  { phrase: '見守り オン', means: 'listen on' },
  { phrase: '見守り オフ', means: 'listen off' },
  { phrase: '本人確認', means: 'verify' },
  { phrase: 'ヘルプ', means: 'help' },
  { phrase: '使い方', means: 'help' },
];

/** Longest phrases first, each as its words and as one word written together. */
const byLength = [...japaneseAliases]
  .map((a) => ({ words: a.phrase.split(' '), means: a.means.split(' ') }))
  .sort((a, b) => b.words.length - a.words.length);

/**
 * The words with a leading Japanese phrase replaced by the English words it stands for. Expects words
 * already NFKC-folded (so half-width ｵﾝ is オン).
 */
export function expandAlias(words: string[]): string[] {
  for (const alias of byLength) {
    if (alias.words.every((w, i) => words[i] === w)) return [...alias.means, ...words.slice(alias.words.length)];
    if (alias.words.length > 1 && words[0] === alias.words.join('')) return [...alias.means, ...words.slice(1)];
  }
  return words;
}
