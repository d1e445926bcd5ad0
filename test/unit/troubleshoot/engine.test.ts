import { describe, expect, it } from 'vitest';
import {
  answer,
  back,
  canGoBack,
  current,
  describePath,
  render,
  start,
  WalkStateError,
  type WalkState,
} from '../../../src/troubleshoot/engine.js';
import { namedCasePaths } from '../../../src/troubleshoot/lint.js';
import { reportRemedy, type Facts, type TreeNode } from '../../../src/troubleshoot/schema.js';
import { buildTemplateVars } from '../../../src/troubleshoot/template-vars.js';
import { loginTree as tree } from '../../../src/troubleshoot/tree.js';

function walk(answers: readonly string[], facts: Facts = {}): WalkState {
  return answers.reduce((state, id) => answer(tree, state, id, facts), start(tree, facts));
}

function leafOf(state: WalkState) {
  const node = current(tree, state);
  if (node.kind !== 'leaf') throw new Error(`walk stopped at question "${node.id}"`);
  return node;
}

describe('named situations', () => {
  it.each(namedCasePaths.map((c) => [c.case, c] as const))('%s', (_name, c) => {
    const state = walk(c.answers, c.facts);
    const leaf = leafOf(state);
    expect(leaf.id).toBe(c.expectLeaf);
    if (c.expectRemedy) expect(reportRemedy(leaf)).toBe(c.expectRemedy);
    // The user's own answers are exactly the listed ones; anything else came from the facts.
    expect(state.path.filter((s) => !s.auto).map((s) => s.answerId)).toEqual(c.answers);
    expect(state.path.some((s) => s.auto)).toBe(c.facts !== undefined);
  });

  it('cover every leaf of the tree', () => {
    const covered = new Set(namedCasePaths.map((c) => c.expectLeaf));
    const leaves = tree.nodes.filter((n) => n.kind === 'leaf').map((n) => n.id);
    expect(leaves.filter((id) => !covered.has(id))).toEqual([]);
  });

  it('cover every directory fact the tree uses', () => {
    const used = tree.nodes.flatMap((n) => (n.kind === 'question' && n.fact ? [n.fact] : []));
    const tested = new Set(namedCasePaths.flatMap((c) => Object.keys(c.facts ?? {})));
    expect(used.filter((f) => !tested.has(f))).toEqual([]);
  });
});

describe('directory facts', () => {
  it('sends a suspended account straight to the resume leaf without asking anything', () => {
    const state = start(tree, { account_active: 'no' });
    expect(leafOf(state)).toMatchObject({ id: 'account_suspended', outcome: 'needs_admin', remedy: 'resume' });
    expect(describePath(tree, state, 'en')).toEqual([
      {
        question: 'What happens when you try to log in to kintone?',
        answer: 'My account is suspended (停止中)',
        auto: true,
      },
    ]);
    expect(canGoBack(state)).toBe(false);
  });

  it('does not skip a question when the fact gives no shortcut', () => {
    const state = start(tree, { account_active: 'yes', kintone_assigned: 'yes', email_usable_for_reset: 'yes' });
    expect(state.path).toEqual([]);
    expect(current(tree, state).id).toBe('start');
    expect(current(tree, answer(tree, state, 'after_password', { kintone_assigned: 'yes' })).id).toBe('after_password');
  });

  it('answers a later question from the facts and marks it auto in the path', () => {
    const facts: Facts = { kintone_assigned: 'no' };
    const state = walk(['after_password'], facts);
    expect(leafOf(state).id).toBe('kintone_not_assigned');
    const described = describePath(tree, state, 'ja');
    expect(described.map((d) => d.auto)).toEqual([false, true]);
    expect(described[1]).toEqual({
      question: 'パスワードを入れた後、どうなりますか?',
      answer: 'ログインできたが、サービス一覧にkintoneがない',
      auto: true,
    });
  });

  it('sends a user whose e-mail cannot receive the reset mail to an admin password reset', () => {
    const state = walk(['login_error', 'incorrect', 'forgot'], { email_usable_for_reset: 'no' });
    expect(leafOf(state)).toMatchObject({ id: 'reset_unavailable', remedy: 'reset_password' });
  });
});

describe('back', () => {
  it('undoes the last answer', () => {
    const state = walk(['no_login_page', 'access_denied']);
    const previous = back(tree, state);
    expect(previous).toEqual(walk(['no_login_page']));
    expect(current(tree, previous).id).toBe('no_login_page');
  });

  it('undoes the automatic answers that followed the last user answer, with it', () => {
    const facts: Facts = { account_exists: 'no' };
    const state = walk(['login_error', 'incorrect'], facts);
    expect(leafOf(state).id).toBe('wrong_login_name');
    const previous = back(tree, state);
    expect(previous.path.map((s) => s.answerId)).toEqual(['login_error']);
    expect(current(tree, previous).id).toBe('login_error');
    // Answering again replays the facts.
    expect(leafOf(answer(tree, previous, 'incorrect', facts)).id).toBe('wrong_login_name');
  });

  it('keeps automatic answers given before the first user answer', () => {
    const onlyAuto = start(tree, { account_active: 'no' });
    expect(back(tree, onlyAuto)).toBe(onlyAuto);
    expect(back(tree, start(tree))).toEqual(start(tree));
    expect(canGoBack(start(tree))).toBe(false);
  });

  it('goes back step by step to the root', () => {
    let state = walk(['login_error', 'incorrect', 'forgot', 'form']);
    const seen: string[] = [];
    while (canGoBack(state)) {
      state = back(tree, state);
      seen.push(current(tree, state).id);
    }
    expect(seen).toEqual(['reset_link', 'credentials', 'login_error', 'start']);
  });
});

describe('answer', () => {
  it('rejects an answer the current question does not have', () => {
    expect(() => answer(tree, start(tree), 'forgot')).toThrow(WalkStateError);
    try {
      answer(tree, start(tree), 'forgot');
    } catch (e) {
      expect((e as WalkStateError).code).toBe('unknown_answer');
    }
  });

  it('rejects answering once the walk has reached a leaf', () => {
    const atLeaf = walk(['not_remembered']);
    expect(() => answer(tree, atLeaf, 'anything')).toThrow(expect.objectContaining({ code: 'not_a_question' }));
  });

  it('does not change the state it was given', () => {
    const state = start(tree);
    answer(tree, state, 'login_error');
    expect(state.path).toEqual([]);
  });
});

describe('render', () => {
  const text = { ja: '{loginUrl} で {lockoutMinutes}分', en: 'Open {loginUrl}; wait {lockoutMinutes} min; {nope}' };

  it('fills known placeholders in the chosen language', () => {
    expect(render(text, 'ja', { loginUrl: 'https://example.cybozu.com/login', lockoutMinutes: 3 })).toBe(
      'https://example.cybozu.com/login で 3分',
    );
  });

  it('leaves missing and unknown placeholders visible', () => {
    expect(render(text, 'en', { lockoutMinutes: 5 })).toBe('Open {loginUrl}; wait 5 min; {nope}');
  });

  it('leaves no placeholder unfilled in any leaf when built from the configuration', () => {
    for (const locale of ['ja', 'en'] as const) {
      const vars = buildTemplateVars({ baseUrl: 'https://example.cybozu.com/' }, locale);
      const texts = tree.nodes.flatMap((n: TreeNode) =>
        n.kind === 'leaf' ? [n.title, ...n.steps] : [n.text, ...(n.help ? [n.help] : [])],
      );
      for (const t of texts) expect(render(t, locale, vars)).not.toMatch(/\{\w+\}/);
    }
  });
});

describe('buildTemplateVars', () => {
  it('derives the URLs from the base URL, with the reset link on the login page', () => {
    expect(buildTemplateVars({ baseUrl: 'https://example.cybozu.com/' }, 'en')).toEqual({
      loginUrl: 'https://example.cybozu.com/login',
      kintoneUrl: 'https://example.cybozu.com/k/',
      resetUrl: 'https://example.cybozu.com/login',
      forgotUrl: 'https://jp.cybozu.help/general/en/login/forgot_url.html',
      lockoutMinutes: 3,
    });
  });

  it('uses configured values over defaults', () => {
    const vars = buildTemplateVars(
      {
        baseUrl: 'https://x.cybozu.com',
        resetUrl: 'https://x.cybozu.com/reset',
        forgotUrl: 'https://f',
        lockoutMinutes: 30,
      },
      'ja',
    );
    expect(vars).toMatchObject({ resetUrl: 'https://x.cybozu.com/reset', forgotUrl: 'https://f', lockoutMinutes: 30 });
  });

  it('describes the address in words when no cybozu URL is configured', () => {
    expect(buildTemplateVars({}, 'ja').loginUrl).toContain('サブドメイン名');
  });
});
