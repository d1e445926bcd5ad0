import { encodeState } from '../../troubleshoot/engine.js';
import { WalkStore } from '../../troubleshoot/walk-store.js';
import type { ActionArgs } from '../dispatcher.js';
import type { RequestContext } from '../request-context.js';
import type { SlackServices } from '../services.js';
import { decodeMetadata, troubleshootDoneModal, type WalkMetadata } from '../views/troubleshoot-modal.js';
import { leafIdOf, tree, troubleshootView } from './walk.js';

/** Where a click moves the walk: on to another step, or "it works now" (the walk ends self-resolved). */
export type Move = (meta: WalkMetadata, actionValue: string) => WalkMetadata | 'fixed';

/** Every click inside the modal: decode where the user is, move, record, redraw. */
export function treeStep(s: SlackServices, move: Move) {
  const walks = new WalkStore(s.deps.db);
  return async ({ body }: ActionArgs, ctx: RequestContext): Promise<void> => {
    const { userId, locale, t } = ctx;
    const modal = body.view;
    if (!modal) return;
    let next: unknown;
    try {
      const meta = decodeMetadata(tree, modal.private_metadata);
      const moved = move(meta, String((body.actions[0] as { value?: string } | undefined)?.value ?? ''));
      if (moved === 'fixed') {
        const finished = {
          id: meta.walkId,
          slackUserId: userId,
          path: encodeState(meta.state),
          leafId: leafIdOf(meta.state),
          now: s.deps.clock.now(),
        };
        if (walks.finish(s.deps.db, { ...finished, outcome: 'self_resolved' })) s.metrics.walkFinished('self_resolved');
        next = troubleshootDoneModal(t('tree.done_fixed'), locale);
      } else {
        // The path lives in the modal until the walk ends (finish records it): no write per click.
        next = troubleshootView(s, moved, locale, userId);
      }
    } catch (error) {
      s.deps.logger.warn(
        { slackUserId: userId, err: (error as Error).message },
        'troubleshooter click with unusable state',
      );
      next = troubleshootDoneModal(t('tree.expired'), locale);
    }
    await ctx.updateView(modal.id, next, 'the troubleshooter', modal.hash);
  };
}
