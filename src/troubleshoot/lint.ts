/**
 * Checks a decision tree for the mistakes that would strand a user: unreachable nodes, cycles, dead ends,
 * dangling `next`s, missing translations, unknown placeholders or remedies, labels too long for a button.
 * Also holds the table of named situations (one per row of cybozu.md's "Why people cannot log in") that the
 * tests walk through the engine.
 */
import type { core } from 'zod';
import { FACT_VALUES, PLACEHOLDERS, treeSchema, type Facts, type Remedy } from './schema.js';

type Loose = Record<string, unknown>;

const isRecord = (x: unknown): x is Loose => typeof x === 'object' && x !== null && !Array.isArray(x);
const placeholderSet: ReadonlySet<string> = new Set(PLACEHOLDERS);

/** Problems found in `tree` (empty when it is fine). Accepts unvalidated data, so it also explains bad input. */
export function lintTree(tree: unknown): string[] {
  const problems: string[] = [];
  const parsed = treeSchema.safeParse(tree);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(formatIssue(tree, issue));
  }
  if (!isRecord(tree) || !Array.isArray(tree.nodes)) return problems;

  // Graph checks run on whatever shape is there, so one bad field does not hide the rest.
  const nodes = tree.nodes.filter(isRecord);
  const byId = new Map<string, Loose>();
  for (const node of nodes) {
    if (typeof node.id !== 'string') continue;
    if (byId.has(node.id)) problems.push(`node "${node.id}": id is used by more than one node`);
    else byId.set(node.id, node);
  }

  const edges = new Map<string, string[]>();
  for (const [id, node] of byId) {
    const next: string[] = [];
    if (node.kind === 'question') {
      const answers = Array.isArray(node.answers) ? node.answers.filter(isRecord) : [];
      if (answers.length === 0) {
        problems.push(`question "${id}" has no answers, so a walk would end there without reaching a leaf`);
      }
      const answerIds = new Set<string>();
      for (const answer of answers) {
        if (typeof answer.id === 'string') {
          if (answerIds.has(answer.id)) problems.push(`question "${id}": answer id "${answer.id}" is used twice`);
          answerIds.add(answer.id);
        }
        if (typeof answer.next !== 'string') continue;
        if (!byId.has(answer.next)) {
          problems.push(
            `question "${id}": answer "${String(answer.id)}" leads to "${answer.next}", which does not exist`,
          );
        } else next.push(answer.next);
      }
      problems.push(...lintFactAnswers(id, node, answerIds));
    } else if (node.kind !== 'leaf') {
      problems.push(`node "${id}": kind must be "question" or "leaf"`);
    }
    edges.set(id, next);
    problems.push(...lintTexts(id, node));
  }

  const rootId = tree.rootId;
  if (typeof rootId === 'string' && !byId.has(rootId)) {
    problems.push(`rootId "${rootId}" is not a node`);
  } else if (typeof rootId === 'string') {
    const reached = new Set<string>([rootId]);
    const queue = [rootId];
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      for (const next of edges.get(id) ?? []) {
        if (!reached.has(next)) {
          reached.add(next);
          queue.push(next);
        }
      }
    }
    for (const id of byId.keys()) {
      if (!reached.has(id)) problems.push(`node "${id}" is unreachable from the root "${rootId}"`);
    }
  }
  problems.push(...findCycles(edges).map((cycle) => `cycle: ${cycle.join(' → ')}`));
  return problems;
}

function lintFactAnswers(id: string, node: Loose, answerIds: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const { fact, factAnswers } = node;
  if (fact !== undefined && factAnswers === undefined) {
    problems.push(`question "${id}": has a fact but no factAnswers`);
  }
  if (factAnswers === undefined) return problems;
  if (fact === undefined) problems.push(`question "${id}": has factAnswers but no fact`);
  if (!isRecord(factAnswers)) return problems;
  for (const [value, answerId] of Object.entries(factAnswers)) {
    if (!(FACT_VALUES as readonly string[]).includes(value)) continue; // reported by the schema
    if (typeof answerId === 'string' && !answerIds.has(answerId)) {
      problems.push(`question "${id}": factAnswers.${value} names "${answerId}", which is not one of its answers`);
    }
  }
  return problems;
}

/** Placeholders must be known; question text and button labels (shown in reports and buttons) take none. */
function lintTexts(id: string, node: Loose): string[] {
  const texts: { where: string; text: unknown; placeholders: boolean }[] = [];
  if (node.kind === 'question') {
    texts.push({ where: 'text', text: node.text, placeholders: false });
    if (node.help !== undefined) texts.push({ where: 'help', text: node.help, placeholders: true });
    if (Array.isArray(node.answers)) {
      node.answers.forEach((answer: unknown, i) => {
        if (isRecord(answer)) texts.push({ where: `answers[${i}].label`, text: answer.label, placeholders: false });
      });
    }
  } else {
    texts.push({ where: 'title', text: node.title, placeholders: true });
    if (Array.isArray(node.steps)) {
      node.steps.forEach((step: unknown, i) => {
        texts.push({ where: `steps[${i}]`, text: step, placeholders: true });
      });
    }
  }
  const problems: string[] = [];
  for (const { where, text, placeholders } of texts) {
    if (!isRecord(text)) continue; // the schema reports a missing or malformed text
    for (const locale of ['ja', 'en'] as const) {
      const value = text[locale];
      if (typeof value !== 'string') continue;
      for (const match of value.matchAll(/\{([^{}]*)\}/g)) {
        const name = match[1] ?? '';
        if (!placeholderSet.has(name)) {
          problems.push(
            `node "${id}" ${where}.${locale}: unknown placeholder {${name}} (known: ${PLACEHOLDERS.join(', ')})`,
          );
        } else if (!placeholders) {
          problems.push(`node "${id}" ${where}.${locale}: placeholders are not allowed here ({${name}})`);
        }
      }
    }
  }
  return problems;
}

/** Every cycle (as a list of node ids, first repeated at the end), each reported once. */
function findCycles(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (id: string): void => {
    state.set(id, 'open');
    stack.push(id);
    for (const next of edges.get(id) ?? []) {
      const s = state.get(next);
      if (s === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (s === undefined) visit(next);
    }
    stack.pop();
    state.set(id, 'done');
  };
  for (const id of edges.keys()) if (!state.has(id)) visit(id);
  return cycles;
}

function formatIssue(tree: unknown, issue: core.$ZodIssue): string {
  const path = issue.path;
  let where = '';
  let rest = path;
  if (path[0] === 'nodes' && typeof path[1] === 'number') {
    const node = isRecord(tree) && Array.isArray(tree.nodes) ? (tree.nodes[path[1]] as unknown) : undefined;
    where = isRecord(node) && typeof node.id === 'string' ? `node "${node.id}"` : `nodes[${path[1]}]`;
    rest = path.slice(2);
  }
  const field = rest
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('');
  const at = [where, field].filter(Boolean).join(' ') || 'tree';
  return `${at}: ${issue.message}`;
}

/** A named situation: the answers a user gives (auto answers are not listed) and where the walk must end. */
export type NamedCase = {
  case: string;
  answers: string[];
  facts?: Facts;
  expectLeaf: string;
  expectRemedy?: Remedy;
};

/**
 * One row per situation in cybozu.md's table (plus the mobile app and each directory-fact shortcut).
 * `expectRemedy` is what the report would ask an admin for (a self-help leaf's "still stuck" remedy).
 */
export const namedCasePaths: readonly NamedCase[] = [
  {
    case: 'wrong login name',
    answers: ['login_error', 'incorrect', 'login_name'],
    expectLeaf: 'wrong_login_name',
    expectRemedy: 'other',
  },
  {
    case: 'wrong password: typing checks (Caps Lock, Num Lock, spaces, full-width/IME)',
    answers: ['login_error', 'incorrect', 'typed_right'],
    expectLeaf: 'password_typing',
    expectRemedy: 'reset_password',
  },
  {
    case: 'forgotten password: self-service reset',
    answers: ['login_error', 'incorrect', 'forgot', 'form'],
    expectLeaf: 'password_self_reset',
    expectRemedy: 'reset_password',
  },
  {
    case: 'self-service reset impossible (help page instead of form, or no mail)',
    answers: ['login_error', 'incorrect', 'forgot', 'no_form_or_mail'],
    expectLeaf: 'reset_unavailable',
    expectRemedy: 'reset_password',
  },
  {
    case: 'locked out for some minutes',
    answers: ['login_error', 'locked', 'minutes'],
    expectLeaf: 'lockout_wait',
    expectRemedy: 'unlock',
  },
  {
    case: 'locked out, never released ("contact your administrator")',
    answers: ['login_error', 'locked', 'contact_admin'],
    expectLeaf: 'lockout_admin',
    expectRemedy: 'unlock',
  },
  {
    case: 'administrator locked out',
    answers: ['login_error', 'locked', 'i_am_admin'],
    expectLeaf: 'admin_locked_out',
    expectRemedy: 'other',
  },
  {
    case: 'unrecognised error message',
    answers: ['login_error', 'other_message'],
    expectLeaf: 'other_problem',
    expectRemedy: 'other',
  },
  {
    case: 'suspended (停止中), told by someone',
    answers: ['suspended'],
    expectLeaf: 'account_suspended',
    expectRemedy: 'resume',
  },
  {
    case: 'kintone not in the service list',
    answers: ['after_password', 'no_kintone'],
    expectLeaf: 'kintone_not_assigned',
    expectRemedy: 'assign_kintone',
  },
  {
    case: 'wrong URL / subdomain',
    answers: ['no_login_page', 'not_found'],
    expectLeaf: 'wrong_url',
    expectRemedy: 'other',
  },
  {
    case: 'IP restriction, outside the office',
    answers: ['no_login_page', 'access_denied', 'outside'],
    expectLeaf: 'ip_outside',
    expectRemedy: 'ip_allow_list',
  },
  {
    case: 'IP restriction, denied even from the office / VPN',
    answers: ['no_login_page', 'access_denied', 'office'],
    expectLeaf: 'ip_allow_list',
    expectRemedy: 'ip_allow_list',
  },
  {
    case: 'Secure Access certificate: works elsewhere / not sure',
    answers: ['no_login_page', 'certificate', 'works_elsewhere'],
    expectLeaf: 'certificate_check',
    expectRemedy: 'reissue_certificate',
  },
  {
    case: 'Secure Access certificate expired',
    answers: ['no_login_page', 'certificate', 'expired'],
    expectLeaf: 'certificate_reissue',
    expectRemedy: 'reissue_certificate',
  },
  {
    case: 'Secure Access certificate: new or lost device',
    answers: ['no_login_page', 'certificate', 'new_device'],
    expectLeaf: 'certificate_reissue',
    expectRemedy: 'reissue_certificate',
  },
  {
    case: 'SAML / SSO error, only me',
    answers: ['no_login_page', 'sso_error', 'only_me'],
    expectLeaf: 'sso_retry',
    expectRemedy: 'sso',
  },
  {
    case: 'SAML / SSO error for colleagues too',
    answers: ['no_login_page', 'sso_error', 'everyone'],
    expectLeaf: 'sso_admin',
    expectRemedy: 'sso',
  },
  {
    case: 'contract / trial ended',
    answers: ['no_login_page', 'contract'],
    expectLeaf: 'contract_ended',
    expectRemedy: 'contract',
  },
  {
    case: 'two-factor code rejected',
    answers: ['after_password', 'code', 'rejected'],
    expectLeaf: 'two_factor_code',
    expectRemedy: 'disable_two_factor',
  },
  {
    case: 'two-factor: phone lost or replaced',
    answers: ['after_password', 'code', 'no_phone'],
    expectLeaf: 'two_factor_reset',
    expectRemedy: 'disable_two_factor',
  },
  {
    case: 'password expired (set a new one)',
    answers: ['after_password', 'new_password'],
    expectLeaf: 'password_expired',
    expectRemedy: 'reset_password',
  },
  {
    case: 'two-factor setup forced at first login',
    answers: ['after_password', 'setup_two_factor'],
    expectLeaf: 'two_factor_setup',
    expectRemedy: 'other',
  },
  {
    case: 'old password saved in the browser or a password manager',
    answers: ['login_error', 'incorrect', 'saved_password'],
    expectLeaf: 'saved_password',
    expectRemedy: 'reset_password',
  },
  {
    case: 'login name changed by an administrator',
    answers: ['login_error', 'incorrect', 'name_changed'],
    expectLeaf: 'login_name_changed',
    expectRemedy: 'other',
  },
  {
    case: 'guest user',
    answers: ['login_error', 'incorrect', 'guest'],
    expectLeaf: 'guest_user',
    expectRemedy: 'other',
  },
  {
    case: 'SAML-only user: company sign-in password rejected or forgotten',
    answers: ['no_login_page', 'sso_error', 'idp_password'],
    expectLeaf: 'sso_password',
    expectRemedy: 'sso',
  },
  {
    case: 'SAML-only user looking for the cybozu.com password reset',
    answers: ['login_error', 'incorrect', 'forgot', 'sso_user'],
    expectLeaf: 'sso_password',
    expectRemedy: 'sso',
  },
  {
    case: 'automatic login not remembered',
    answers: ['not_remembered'],
    expectLeaf: 'auto_login',
    expectRemedy: 'other',
  },
  {
    case: 'mobile app: cannot connect / URL',
    answers: ['mobile_app', 'cannot_connect'],
    expectLeaf: 'mobile_url',
    expectRemedy: 'other',
  },
  {
    case: 'mobile app: certificate',
    answers: ['mobile_app', 'certificate'],
    expectLeaf: 'mobile_certificate',
    expectRemedy: 'reissue_certificate',
  },
  {
    case: 'mobile app: password rejected',
    answers: ['mobile_app', 'login_rejected', 'typed_right'],
    expectLeaf: 'password_typing',
    expectRemedy: 'reset_password',
  },
  {
    case: 'mobile app: locked out',
    answers: ['mobile_app', 'locked', 'minutes'],
    expectLeaf: 'lockout_wait',
    expectRemedy: 'unlock',
  },
  // Directory-fact shortcuts: the question carrying the fact is answered automatically.
  {
    case: 'fact: account suspended → resume, before any question',
    answers: [],
    facts: { account_active: 'no' },
    expectLeaf: 'account_suspended',
    expectRemedy: 'resume',
  },
  {
    case: 'fact: kintone not assigned → assign_kintone',
    answers: ['after_password'],
    facts: { kintone_assigned: 'no' },
    expectLeaf: 'kintone_not_assigned',
    expectRemedy: 'assign_kintone',
  },
  {
    case: 'fact: e-mail not usable for reset → admin sets a password',
    answers: ['login_error', 'incorrect', 'forgot'],
    facts: { email_usable_for_reset: 'no' },
    expectLeaf: 'reset_unavailable',
    expectRemedy: 'reset_password',
  },
  {
    case: 'setting: lockout never released → straight to an admin unlock',
    answers: ['login_error', 'locked'],
    facts: { lockout_released_by_time: 'no' },
    expectLeaf: 'lockout_admin',
    expectRemedy: 'unlock',
  },
  {
    case: 'fact: no account found → check the login name',
    answers: ['login_error', 'incorrect'],
    facts: { account_exists: 'no' },
    expectLeaf: 'wrong_login_name',
    expectRemedy: 'other',
  },
];
