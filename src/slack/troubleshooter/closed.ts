import { encodeState } from '../../troubleshoot/engine.js';
import { WalkStore } from '../../troubleshoot/walk-store.js';
import type { ViewClosedArgs } from '../dispatcher.js';
import type { RequestContext } from '../request-context.js';
import type { SlackServices } from '../services.js';
import { decodeMetadata } from '../views/troubleshoot-modal.js';
import { leafIdOf, tree } from './walk.js';

/** The modal closed without a report: the walk ends abandoned. */
export function troubleshooterClosed(s: Pick<SlackServices, 'deps' | 'metrics'>) {
  const walks = new WalkStore(s.deps.db);
  return async ({ ack, view }: ViewClosedArgs, ctx: RequestContext): Promise<void> => {
    await ack();
    try {
      const meta = decodeMetadata(tree, view.private_metadata);
      const finished = {
        id: meta.walkId,
        slackUserId: ctx.userId,
        path: encodeState(meta.state),
        leafId: leafIdOf(meta.state),
        now: s.deps.clock.now(),
      };
      if (walks.finish(s.deps.db, { ...finished, outcome: 'abandoned' })) s.metrics.walkFinished('abandoned');
    } catch {
      // A closed modal with unusable metadata has nothing to record.
    }
  };
}
