import { WalkStore } from '../../troubleshoot/walk-store.js';
import type { ViewClosedArgs } from '../dispatcher.js';
import type { RequestContext } from '../request-context.js';
import type { SlackServices } from '../services.js';
import { forWhomMetadata } from './for-whom.js';

/** The "for whom?" modal closed: its walk ends abandoned. */
export function forWhomClosed(s: Pick<SlackServices, 'deps'>) {
  const walks = new WalkStore(s.deps.db);
  return async ({ ack, view }: ViewClosedArgs, ctx: RequestContext): Promise<void> => {
    await ack();
    const { walkId } = forWhomMetadata(view.private_metadata);
    if (walkId === undefined) return;
    try {
      walks.finish(s.deps.db, { id: walkId, slackUserId: ctx.userId, outcome: 'abandoned', now: s.deps.clock.now() });
    } catch {
      // The modal is gone either way: an abandoned walk that could not be recorded stays in progress.
    }
  };
}
