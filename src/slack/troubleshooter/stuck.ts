import type { SlackServices } from '../services.js';
import { treeStep } from './step.js';

/** "Still stuck": on to the report form. */
export function stillStuck(s: SlackServices) {
  return treeStep(s, (meta) => ({ ...meta, reporting: true }));
}
