import type { SlackServices } from '../services.js';
import { treeStep } from './step.js';

/** "It works now": the walk ends self-resolved. */
export function itWorks(s: SlackServices) {
  return treeStep(s, () => 'fixed');
}
