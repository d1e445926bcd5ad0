import { describe, expect, it } from 'vitest';
import {
  answer,
  decodeState,
  encodeState,
  MAX_ENCODED_STATE_LENGTH,
  start,
  WalkStateError,
  type WalkState,
} from '../../../src/troubleshoot/engine.js';
import { namedCasePaths } from '../../../src/troubleshoot/lint.js';
import { loginTree as tree } from '../../../src/troubleshoot/tree.js';

function walk(answers: readonly string[], facts = {}): WalkState {
  return answers.reduce((state, id) => answer(tree, state, id, facts), start(tree, facts));
}

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof WalkStateError) return e.code;
    throw e;
  }
  return undefined;
}

/** Every root-to-leaf path, answers only. */
function allPaths(): string[][] {
  const byId = new Map(tree.nodes.map((n) => [n.id, n]));
  const out: string[][] = [];
  const visit = (id: string, path: string[]) => {
    const node = byId.get(id)!;
    if (node.kind === 'leaf') return void out.push(path);
    for (const a of node.answers) visit(a.next, [...path, a.id]);
  };
  visit(tree.rootId, []);
  return out;
}

describe('encodeState / decodeState', () => {
  it.each(namedCasePaths.map((c) => [c.case, c] as const))('round-trips: %s', (_name, c) => {
    const state = walk(c.answers, c.facts);
    expect(decodeState(tree, encodeState(state))).toEqual(state);
  });

  it('round-trips a walk in progress and the empty walk', () => {
    const midway = walk(['no_login_page', 'certificate']);
    expect(encodeState(midway)).toBe('no_login_page.certificate');
    expect(decodeState(tree, encodeState(midway))).toEqual(midway);
    expect(encodeState(start(tree))).toBe('');
    expect(decodeState(tree, '')).toEqual({ path: [] });
  });

  it('marks automatic answers compactly', () => {
    const state = walk(['login_error', 'incorrect'], { account_exists: 'no' });
    expect(encodeState(state)).toBe('login_error.incorrect.*login_name');
  });

  it('rejects an answer id the question does not have', () => {
    expect(codeOf(() => decodeState(tree, 'login_error.bogus'))).toBe('unknown_answer');
    expect(codeOf(() => decodeState(tree, 'forgot'))).toBe('unknown_answer');
  });

  it('rejects steps past a leaf', () => {
    expect(codeOf(() => decodeState(tree, 'not_remembered.login_error'))).toBe('not_a_question');
  });

  it('rejects characters that no id has', () => {
    for (const bad of [
      'login_error..incorrect',
      'login_error.<script>',
      'LOGIN_ERROR',
      ' login_error',
      'login_error.',
    ]) {
      expect(codeOf(() => decodeState(tree, bad))).toBe('malformed');
    }
  });

  it('rejects an automatic answer the facts could not have given', () => {
    expect(codeOf(() => decodeState(tree, '*login_error'))).toBe('invalid_auto');
    expect(codeOf(() => decodeState(tree, 'login_error.incorrect.*typed_right'))).toBe('invalid_auto');
  });

  it('rejects input longer than private_metadata allows', () => {
    expect(codeOf(() => decodeState(tree, 'a'.repeat(MAX_ENCODED_STATE_LENGTH + 1)))).toBe('too_long');
  });

  it("keeps the longest path well under Slack's 3000-character limit", () => {
    // Worst case: every answer on the path marked auto (one extra character each).
    const allAuto = (state: WalkState): WalkState => ({ path: state.path.map((s) => ({ ...s, auto: true as const })) });
    const longest = Math.max(...allPaths().map((p) => encodeState(allAuto(walk(p))).length));
    expect(longest).toBeGreaterThan(0);
    expect(longest).toBeLessThan(MAX_ENCODED_STATE_LENGTH / 10);
  });
});
