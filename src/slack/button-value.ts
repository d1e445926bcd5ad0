import type { ActionArgs } from './dispatcher.js';
import { parseId } from './permissions.js';

/** The id (report, action, secret…) the clicked button carries as its value; null for anything else. */
export function buttonId(args: Pick<ActionArgs, 'action'>): number | null {
  return parseId((args.action as { value?: string }).value);
}
