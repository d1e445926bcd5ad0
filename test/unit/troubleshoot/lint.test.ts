import { describe, expect, it } from 'vitest';
import { lintTree } from '../../../src/troubleshoot/lint.js';
import { InvalidTreeError, loadTree, loginTree } from '../../../src/troubleshoot/tree.js';
import type { Tree, TreeNode } from '../../../src/troubleshoot/schema.js';

/** A deep copy of the real tree, changed by `change`; returned as unvalidated data. */
function brokenCopy(change: (tree: Tree, node: (id: string) => TreeNode) => void): unknown {
  const tree = structuredClone(loginTree);
  const node = (id: string): TreeNode => {
    const found = tree.nodes.find((n) => n.id === id);
    if (!found) throw new Error(`test setup: no node ${id}`);
    return found;
  };
  change(tree, node);
  return tree;
}

function question(node: TreeNode) {
  if (node.kind !== 'question') throw new Error(`test setup: ${node.id} is not a question`);
  return node;
}

describe('lintTree', () => {
  it('finds nothing wrong with the login tree', () => {
    expect(lintTree(loginTree)).toEqual([]);
  });

  it('reports a node nobody leads to', () => {
    const problems = lintTree(
      brokenCopy((tree) => {
        tree.nodes.push({
          kind: 'leaf',
          id: 'orphan',
          outcome: 'needs_admin',
          remedy: 'other',
          title: { ja: '孤立', en: 'Orphan' },
          steps: [{ ja: '手順', en: 'Step' }],
        });
      }),
    );
    expect(problems).toContainEqual(expect.stringMatching(/node "orphan" is unreachable/));
  });

  it('reports a cycle', () => {
    const problems = lintTree(
      brokenCopy((_tree, node) => {
        question(node('credentials')).answers.push({
          id: 'loop',
          label: { ja: '最初から', en: 'Start over' },
          next: 'login_error',
        });
      }),
    );
    expect(problems).toContainEqual(expect.stringMatching(/^cycle: .*login_error.*credentials.*login_error/));
  });

  it('reports a missing Japanese string', () => {
    const problems = lintTree(
      brokenCopy((_tree, node) => {
        const leaf = node('lockout_wait');
        if (leaf.kind !== 'leaf') throw new Error('test setup');
        leaf.steps[1] = { en: 'English only' } as never;
      }),
    );
    expect(problems).toContainEqual(expect.stringMatching(/node "lockout_wait" steps\[1\]\.ja/));
  });

  it('reports an empty English string', () => {
    const problems = lintTree(brokenCopy((_tree, node) => void (question(node('sso')).text.en = '  ')));
    expect(problems).toContainEqual(expect.stringMatching(/node "sso" text\.en: must not be empty/));
  });

  it('reports an unknown remedy', () => {
    const problems = lintTree(
      brokenCopy((_tree, node) => {
        (node('lockout_admin') as { remedy: string }).remedy = 'teleport';
      }),
    );
    expect(problems).toContainEqual(expect.stringMatching(/node "lockout_admin" remedy: /));
  });

  it('reports an unknown still-stuck remedy', () => {
    const problems = lintTree(
      brokenCopy((_tree, node) => {
        (node('wrong_url') as { stillStuckRemedy: string }).stillStuckRemedy = 'pray';
      }),
    );
    expect(problems).toContainEqual(expect.stringMatching(/node "wrong_url" stillStuckRemedy: /));
  });

  it('reports an answer leading to a node that does not exist', () => {
    const problems = lintTree(
      brokenCopy((_tree, node) => {
        const q = question(node('two_factor'));
        q.answers[0] = { ...q.answers[0]!, next: 'nowhere' };
      }),
    );
    expect(problems).toContainEqual(
      expect.stringMatching(/question "two_factor": answer "rejected" leads to "nowhere"/),
    );
  });

  it('reports a question that leaves the walk without a leaf', () => {
    const problems = lintTree(brokenCopy((_tree, node) => void (question(node('sso')).answers = [])));
    expect(problems).toContainEqual(expect.stringMatching(/question "sso" has no answers/));
  });

  it('reports a duplicate node id and a duplicate answer id', () => {
    const problems = lintTree(
      brokenCopy((tree, node) => {
        tree.nodes.push(structuredClone(node('contract_ended')));
        const q = question(node('ip_restriction'));
        q.answers[1] = { ...q.answers[1]!, id: 'outside' };
      }),
    );
    expect(problems).toContainEqual(expect.stringMatching(/node "contract_ended": id is used by more than one node/));
    expect(problems).toContainEqual(
      expect.stringMatching(/question "ip_restriction": answer id "outside" is used twice/),
    );
  });

  it('reports a button label longer than 75 characters', () => {
    const problems = lintTree(
      brokenCopy((_tree, node) => void (question(node('start')).answers[0]!.label.en = 'x'.repeat(76))),
    );
    expect(problems).toContainEqual(expect.stringMatching(/node "start" answers\[0\]\.label\.en: .*75/));
  });

  it('reports unknown placeholders, and placeholders in question text', () => {
    const problems = lintTree(
      brokenCopy((_tree, node) => {
        const leaf = node('wrong_url');
        if (leaf.kind !== 'leaf') throw new Error('test setup');
        leaf.steps[0]!.ja = 'URL: {loginURL}';
        question(node('start')).text.en = 'Open {loginUrl}. What happens?';
      }),
    );
    expect(problems).toContainEqual(
      expect.stringMatching(/node "wrong_url" steps\[0\]\.ja: unknown placeholder \{loginURL\}/),
    );
    expect(problems).toContainEqual(expect.stringMatching(/node "start" text\.en: placeholders are not allowed here/));
  });

  it('reports fact answers that name no answer of the question', () => {
    const problems = lintTree(
      brokenCopy((_tree, node) => void (question(node('after_password')).factAnswers = { no: 'nope' })),
    );
    expect(problems).toContainEqual(expect.stringMatching(/question "after_password": factAnswers\.no names "nope"/));
  });

  it('reports a misspelt field instead of ignoring it', () => {
    const problems = lintTree(
      brokenCopy((_tree, node) => {
        const leaf = node('auto_login') as Record<string, unknown>;
        leaf.stillStuckRemdy = leaf.stillStuckRemedy;
        delete leaf.stillStuckRemedy;
      }),
    );
    expect(problems).toContainEqual(expect.stringMatching(/node "auto_login".*stillStuckRemdy/));
  });

  it('explains input that is not a tree at all', () => {
    expect(lintTree(null)).not.toEqual([]);
    expect(lintTree({ rootId: 'start' })).toContainEqual(expect.stringMatching(/^nodes: /));
  });
});

describe('loadTree', () => {
  it('returns valid data unchanged', () => {
    expect(loadTree(structuredClone(loginTree))).toEqual(loginTree);
  });

  it('throws one error listing every problem', () => {
    const data = brokenCopy((tree, node) => {
      tree.rootId = 'missing_root';
      (node('lockout_admin') as { remedy: string }).remedy = 'teleport';
    });
    let error: unknown;
    try {
      loadTree(data);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidTreeError);
    const { problems, message } = error as InvalidTreeError;
    expect(problems).toContainEqual(expect.stringMatching(/rootId "missing_root" is not a node/));
    expect(problems).toContainEqual(expect.stringMatching(/lockout_admin/));
    expect(message).toMatch(/Invalid troubleshooting tree/);
  });
});
