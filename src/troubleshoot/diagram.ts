/**
 * Mermaid flowcharts of the decision tree, and the generated docs/decision-tree.md
 * (written by scripts/tree-diagram.ts; a test checks the committed file is current).
 */
import { loginTree } from './tree.js';
import { reportRemedy, type Locale, type Tree, type TreeNode } from './schema.js';

/** Makes text safe inside a quoted Mermaid label (entity codes for characters Mermaid or HTML would read). */
export function escapeMermaid(text: string): string {
  return text
    .replace(/#/g, '#35;')
    .replace(/"/g, '#quot;')
    .replace(/&/g, '#amp;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/\|/g, '#124;')
    .replace(/`/g, '#96;')
    .replace(/\s*\n\s*/g, ' ');
}

const words = {
  ja: { admin: '管理者', stillStuck: '解決しない場合', auto: '自動' },
  en: { admin: 'admin', stillStuck: 'still stuck', auto: 'auto' },
} as const;

/** Mermaid ids get a prefix so node ids such as "end" or ones starting with "o"/"x" cannot break the syntax. */
const mid = (id: string): string => `n_${id}`;

function nodeLine(node: TreeNode, locale: Locale): string {
  const w = words[locale];
  if (node.kind === 'question') return `  ${mid(node.id)}{"${escapeMermaid(node.text[locale])}"}`;
  const title = escapeMermaid(node.title[locale]);
  if (node.outcome === 'needs_admin') return `  ${mid(node.id)}{{"${title}<br/>${w.admin}: ${node.remedy}"}}`;
  return `  ${mid(node.id)}("${title}<br/>${w.stillStuck}: ${reportRemedy(node)}")`;
}

/** flowchart TD: questions as rhombi, self-help leaves rounded, admin leaves as hexagons naming the remedy. */
export function toMermaid(tree: Tree, locale: Locale): string {
  const w = words[locale];
  const lines = ['flowchart TD'];
  for (const node of tree.nodes) lines.push(nodeLine(node, locale));
  for (const node of tree.nodes) {
    if (node.kind !== 'question') continue;
    for (const answer of node.answers) {
      const auto = Object.entries(node.factAnswers ?? {})
        .filter(([, answerId]) => answerId === answer.id)
        .map(([value]) => `<br/>[${w.auto}: ${node.fact} = ${value}]`)
        .join('');
      lines.push(`  ${mid(node.id)} -->|"${escapeMermaid(answer.label[locale])}${auto}"| ${mid(answer.next)}`);
    }
  }
  const ids = (pick: (node: TreeNode) => boolean) =>
    tree.nodes
      .filter(pick)
      .map((n) => mid(n.id))
      .join(',');
  const selfHelp = ids((n) => n.kind === 'leaf' && n.outcome === 'self_help');
  const admin = ids((n) => n.kind === 'leaf' && n.outcome === 'needs_admin');
  lines.push('  classDef selfHelp fill:#e3f6e8,stroke:#2e8b57');
  lines.push('  classDef admin fill:#fdecea,stroke:#c0392b');
  if (selfHelp) lines.push(`  class ${selfHelp} selfHelp`);
  if (admin) lines.push(`  class ${admin} admin`);
  return lines.join('\n');
}

/** The full text of docs/decision-tree.md. */
export function renderDecisionTreeDoc(tree: Tree = loginTree): string {
  return [
    '# Login troubleshooter: decision tree / ログイン診断の分岐図',
    '',
    '<!-- Generated from src/troubleshoot/tree.ts by scripts/tree-diagram.ts. Do not edit: run `npm run tree:diagram`. -->',
    '',
    'The guided troubleshooter behind `/kintone-login` asks one question at a time until it reaches a leaf.',
    'Rhombi are questions; rounded boxes are self-help leaves (with the remedy a report asks for when the user is',
    'still stuck); hexagons are leaves that need an administrator, with the remedy. Answers marked "auto" are given',
    'by the engine when the cybozu directory already knows the fact, so the user is not asked.',
    '',
    '`/kintone-login` の診断は、質問に1つずつ答えていくと結果(リーフ)にたどり着きます。ひし形は質問、角丸は自分で解決できる案内',
    '(解決しない場合に管理者へ依頼する内容つき)、六角形は管理者の対応が必要な結果です。「自動」の回答は、ディレクトリの情報から',
    '自動で選ばれ、利用者には質問しません。',
    '',
    '## 日本語',
    '',
    '```mermaid',
    toMermaid(tree, 'ja'),
    '```',
    '',
    '## English',
    '',
    '```mermaid',
    toMermaid(tree, 'en'),
    '```',
    '',
  ].join('\n');
}
