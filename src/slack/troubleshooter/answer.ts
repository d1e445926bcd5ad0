import { answer } from '../../troubleshoot/engine.js';
import type { SlackServices } from '../services.js';
import { treeStep } from './step.js';
import { tree } from './walk.js';

/** An answer button (`tree_answer:<id>`): on to the step that answer leads to. */
export function answerQuestion(s: SlackServices) {
  return treeStep(s, (meta, answerId) => ({ ...meta, state: answer(tree, meta.state, answerId, meta.facts) }));
}
