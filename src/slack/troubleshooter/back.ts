import { back } from '../../troubleshoot/engine.js';
import type { SlackServices } from '../services.js';
import { treeStep } from './step.js';
import { tree } from './walk.js';

/** "Back": out of the report form, or one question back. */
export function goBack(s: SlackServices) {
  return treeStep(s, (meta) =>
    meta.reporting ? { ...meta, reporting: false } : { ...meta, state: back(tree, meta.state) },
  );
}
