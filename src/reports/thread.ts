import type { Writer } from '../../db/client.js';
import { enqueueThreadReply, enqueueUpdate, type OutgoingMessage } from '../outbox/outbox.js';
import { rootOf } from './queries.js';

/**
 * What a change looks like in the support channel: a reply in the report's thread and, when `root` is given, the
 * root message redrawn. Queued in the caller's transaction. Returns the root's outbox id, or undefined when the
 * report has no root message (nothing is queued then).
 */
export function tellThread(
  tx: Writer,
  p: { reportId: number; channel: string; now: number; reply: OutgoingMessage; root?: OutgoingMessage },
): number | undefined {
  const root = rootOf(tx, p.reportId);
  if (root === undefined) return undefined;
  enqueueThreadReply(tx, { parentId: root, channel: p.channel, message: p.reply, reportId: p.reportId, now: p.now });
  if (p.root) enqueueUpdate(tx, { of: root, channel: p.channel, message: p.root, reportId: p.reportId, now: p.now });
  return root;
}
