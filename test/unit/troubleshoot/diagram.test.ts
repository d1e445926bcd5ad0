import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { escapeMermaid, renderDecisionTreeDoc, toMermaid } from '../../../src/troubleshoot/diagram.js';
import { loadTree, loginTree } from '../../../src/troubleshoot/tree.js';

describe('toMermaid', () => {
  const ja = toMermaid(loginTree, 'ja');
  const en = toMermaid(loginTree, 'en');

  it('draws a top-down flowchart with every node and answer', () => {
    expect(en.split('\n')[0]).toBe('flowchart TD');
    for (const node of loginTree.nodes) expect(en).toContain(`n_${node.id}`);
    const edges = loginTree.nodes.reduce((n, node) => n + (node.kind === 'question' ? node.answers.length : 0), 0);
    expect(en.split('\n').filter((l) => l.includes('-->')).length).toBe(edges);
  });

  it('uses a shape per kind: rhombus, rounded self-help, hexagon naming the admin remedy', () => {
    expect(en).toContain('n_start{"What happens when you try to log in to kintone?"}');
    expect(en).toContain('n_lockout_wait("Wait a little, then log in again<br/>still stuck: unlock")');
    expect(en).toContain('n_lockout_admin{{"An administrator will unlock your account<br/>admin: unlock"}}');
    expect(ja).toContain('n_lockout_admin{{"管理者がロックを解除します<br/>管理者: unlock"}}');
  });

  it('marks answers the directory gives automatically', () => {
    expect(en).toContain('[auto: account_active = no]"| n_account_suspended');
    expect(ja).toContain('[自動: kintone_assigned = no]"| n_kintone_not_assigned');
  });

  it('escapes quotes and characters Mermaid would misread', () => {
    expect(escapeMermaid('say "hi" <b> a|b #1 & `x`\nnext')).toBe(
      'say #quot;hi#quot; #lt;b#gt; a#124;b #35;1 #amp; #96;x#96; next',
    );
    const tree = loadTree({
      rootId: 'q',
      nodes: [
        {
          kind: 'question',
          id: 'q',
          text: { ja: '"引用"?', en: 'Is it "quoted"?' },
          answers: [
            { id: 'a', label: { ja: 'は|い', en: 'y|es' }, next: 'end' },
            { id: 'b', label: { ja: 'いいえ', en: 'no' }, next: 'end' },
          ],
        },
        {
          kind: 'leaf',
          id: 'end',
          outcome: 'self_help',
          title: { ja: '終わり', en: '<End>' },
          steps: [{ ja: 'x', en: 'x' }],
        },
      ],
    });
    const chart = toMermaid(tree, 'en');
    expect(chart).toContain('n_q{"Is it #quot;quoted#quot;?"}');
    expect(chart).toContain('n_q -->|"y#124;es"| n_end');
    expect(chart).toContain('n_end("#lt;End#gt;<br/>still stuck: other")');
    // Every label is one quoted string: no raw quote survives inside.
    for (const line of chart.split('\n').slice(1)) {
      for (const label of line.match(/"[^"]*"/g) ?? []) expect(label.slice(1, -1)).not.toContain('"');
    }
  });
});

describe('docs/decision-tree.md', () => {
  it('is up to date with the tree', () => {
    const committed = readFileSync(new URL('../../../docs/decision-tree.md', import.meta.url), 'utf8');
    expect(
      committed === renderDecisionTreeDoc(),
      'docs/decision-tree.md is stale: run `npm run tree:diagram` (npx tsx scripts/tree-diagram.ts)',
    ).toBe(true);
  });

  it('shows the Japanese diagram, then the English one', () => {
    const doc = renderDecisionTreeDoc();
    const jaAt = doc.indexOf('## 日本語');
    const enAt = doc.indexOf('## English');
    expect(jaAt).toBeGreaterThan(0);
    expect(enAt).toBeGreaterThan(jaAt);
    expect(doc.match(/```mermaid\n/g)).toHaveLength(2);
  });
});
