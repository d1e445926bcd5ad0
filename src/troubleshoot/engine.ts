/**
 * Walks a decision tree. A walk state is only the path of answers taken, so it is small, serialisable and
 * replayable against the tree; everything else (current node, outcome) is derived from it.
 */
import {
  ID_PATTERN,
  type Facts,
  type Locale,
  type QuestionNode,
  type TemplateVars,
  type Text,
  type Tree,
  type TreeNode,
} from './schema.js';

/** One answer on the path. `auto` marks an answer the engine gave from a directory fact. */
export type Step = { readonly nodeId: string; readonly answerId: string; readonly auto?: true };
export type WalkState = { readonly path: readonly Step[] };

export type WalkStateErrorCode = 'malformed' | 'too_long' | 'not_a_question' | 'unknown_answer' | 'invalid_auto';

/** A walk state or answer that does not fit the tree (tampered, stale after a tree change, or a bug). */
export class WalkStateError extends Error {
  constructor(
    readonly code: WalkStateErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'WalkStateError';
  }
}

/** Longest encoded state `decodeState` accepts: Slack's `private_metadata` limit. */
export const MAX_ENCODED_STATE_LENGTH = 3000;

const indexes = new WeakMap<Tree, ReadonlyMap<string, TreeNode>>();

function nodeById(tree: Tree, id: string): TreeNode {
  let index = indexes.get(tree);
  if (!index) {
    index = new Map(tree.nodes.map((node) => [node.id, node]));
    indexes.set(tree, index);
  }
  const node = index.get(id);
  if (!node) throw new WalkStateError('malformed', `no node "${id}" in the tree`);
  return node;
}

function nodeAfter(tree: Tree, path: readonly Step[]): TreeNode {
  const last = path[path.length - 1];
  if (!last) return nodeById(tree, tree.rootId);
  const question = nodeById(tree, last.nodeId);
  if (question.kind !== 'question') throw new WalkStateError('not_a_question', `"${last.nodeId}" is not a question`);
  const answer = question.answers.find((a) => a.id === last.answerId);
  if (!answer) throw new WalkStateError('unknown_answer', `question "${question.id}" has no answer "${last.answerId}"`);
  return nodeById(tree, answer.next);
}

/** The answer directory facts give to this question, if any. */
function factAnswer(question: QuestionNode, facts: Facts): string | undefined {
  if (!question.fact || !question.factAnswers) return undefined;
  const value = facts[question.fact];
  return value === undefined ? undefined : question.factAnswers[value];
}

/** Appends auto answers while the current question is one the facts answer. */
function autoAdvance(tree: Tree, path: Step[], facts: Facts): Step[] {
  // A well-formed tree has no cycles; the bound keeps a bad one from looping forever.
  for (let guard = 0; guard <= tree.nodes.length; guard++) {
    const node = nodeAfter(tree, path);
    if (node.kind !== 'question') return path;
    const answerId = factAnswer(node, facts);
    if (answerId === undefined) return path;
    path.push({ nodeId: node.id, answerId, auto: true });
  }
  throw new WalkStateError('malformed', 'automatic answers do not end: the tree has a cycle');
}

/** A new walk: at the root, with any questions the facts answer already answered. */
export function start(tree: Tree, facts: Facts = {}): WalkState {
  return { path: autoAdvance(tree, [], facts) };
}

/** The node the walk is at (a question to ask, or the leaf it ended in). */
export function current(tree: Tree, state: WalkState): TreeNode {
  return nodeAfter(tree, state.path);
}

/** Answers the current question, then lets the facts answer any that follow. */
export function answer(tree: Tree, state: WalkState, answerId: string, facts: Facts = {}): WalkState {
  const node = current(tree, state);
  if (node.kind !== 'question') {
    throw new WalkStateError('not_a_question', `the walk has ended at "${node.id}"; there is nothing to answer`);
  }
  if (!node.answers.some((a) => a.id === answerId)) {
    throw new WalkStateError('unknown_answer', `question "${node.id}" has no answer "${answerId}"`);
  }
  return { path: autoAdvance(tree, [...state.path, { nodeId: node.id, answerId }], facts) };
}

/** Whether there is a user answer to undo. */
export function canGoBack(state: WalkState): boolean {
  return state.path.some((step) => !step.auto);
}

/**
 * Undoes the last answer the user gave, together with the automatic answers that followed it. Automatic
 * answers before any user answer stay (start() would give them again); with nothing to undo, the state is
 * returned unchanged.
 */
export function back(_tree: Tree, state: WalkState): WalkState {
  const path = [...state.path];
  while (path.length > 0 && path[path.length - 1]?.auto) path.pop();
  if (path.length === 0) return state;
  path.pop();
  return { path };
}

export type PathEntry = { question: string; answer: string; auto: boolean };

/** The path in words, for the report and the admin ("auto" = answered from the directory). */
export function describePath(tree: Tree, state: WalkState, locale: Locale): PathEntry[] {
  return state.path.map((step) => {
    const node = nodeById(tree, step.nodeId);
    if (node.kind !== 'question') throw new WalkStateError('not_a_question', `"${step.nodeId}" is not a question`);
    const chosen = node.answers.find((a) => a.id === step.answerId);
    if (!chosen) throw new WalkStateError('unknown_answer', `question "${node.id}" has no answer "${step.answerId}"`);
    return { question: node.text[locale], answer: chosen.label[locale], auto: step.auto === true };
  });
}

/**
 * Fills `{placeholder}`s. A placeholder with no value (or an unknown one) stays visible as written, so a
 * missing value shows up instead of vanishing; lintTree reports unknown placeholders in the tree.
 */
export function render(text: Text, locale: Locale, vars: TemplateVars = {}): string {
  return text[locale].replace(/\{([A-Za-z]+)\}/g, (match, name: string) => {
    const value = Object.hasOwn(vars, name) ? vars[name as keyof TemplateVars] : undefined;
    return value === undefined ? match : String(value);
  });
}

const AUTO_MARK = '*';
const SEPARATOR = '.';

/**
 * Compact form for Slack's `private_metadata`: answer ids joined with ".", auto answers prefixed with "*"
 * (node ids are implied by replaying the answers from the root). The empty path encodes as "".
 */
export function encodeState(state: WalkState): string {
  return state.path.map((step) => (step.auto ? AUTO_MARK : '') + step.answerId).join(SEPARATOR);
}

/** Parses and checks an encoded state against the tree; throws WalkStateError for anything that does not fit. */
export function decodeState(tree: Tree, encoded: string): WalkState {
  if (typeof encoded !== 'string') throw new WalkStateError('malformed', 'the walk state is not a string');
  if (encoded.length > MAX_ENCODED_STATE_LENGTH) {
    throw new WalkStateError('too_long', `the walk state is longer than ${MAX_ENCODED_STATE_LENGTH} characters`);
  }
  if (encoded === '') return { path: [] };
  const path: Step[] = [];
  for (const token of encoded.split(SEPARATOR)) {
    const auto = token.startsWith(AUTO_MARK);
    const answerId = auto ? token.slice(AUTO_MARK.length) : token;
    if (!ID_PATTERN.test(answerId))
      throw new WalkStateError('malformed', `bad answer id in the walk state: "${token}"`);
    const node = nodeAfter(tree, path);
    if (node.kind !== 'question') {
      throw new WalkStateError('not_a_question', `the walk state goes on past the leaf "${node.id}"`);
    }
    if (!node.answers.some((a) => a.id === answerId)) {
      throw new WalkStateError('unknown_answer', `question "${node.id}" has no answer "${answerId}"`);
    }
    if (auto && !Object.values(node.factAnswers ?? {}).includes(answerId)) {
      throw new WalkStateError('invalid_auto', `"${answerId}" of "${node.id}" cannot be an automatic answer`);
    }
    path.push(auto ? { nodeId: node.id, answerId, auto: true } : { nodeId: node.id, answerId });
  }
  return { path };
}
