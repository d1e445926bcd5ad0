import { WalkStore } from '../../troubleshoot/walk-store.js';
import type { ActionArgs } from '../dispatcher.js';
import type { RequestContext } from '../request-context.js';
import type { SlackServices } from '../services.js';
import { showTroubleshooter } from '../troubleshooter/walk.js';
import { troubleshootDoneModal } from '../views/troubleshoot-modal.js';

/** A message's text kept as the report's details (the form allows 2000; the modal's metadata holds less). */
export const DETAILS_FROM_MESSAGE = 1000;

/** What the "for whom?" modal carries: its walk (`w`) and the message's text (`d`); anything unusable is left out. */
export function forWhomMetadata(raw: string): { walkId?: number; details: string } {
  let parsed: { w?: unknown; d?: unknown };
  try {
    parsed = JSON.parse(raw) as typeof parsed;
  } catch {
    parsed = {};
  }
  return {
    ...(typeof parsed.w === 'number' ? { walkId: parsed.w } : {}),
    details: typeof parsed.d === 'string' ? parsed.d.slice(0, DETAILS_FROM_MESSAGE) : '',
  };
}

/** "For me" / "for the author": the walk recorded at the shortcut decides who the author is, never the modal. */
export function chooseForWhom(s: SlackServices, forAuthor: boolean) {
  const walks = new WalkStore(s.deps.db);
  return async ({ body, client }: ActionArgs, ctx: RequestContext): Promise<void> => {
    const { userId } = ctx;
    const modal = body.view;
    if (!modal) return;
    const { walkId, details } = forWhomMetadata(modal.private_metadata);
    const walk = walkId === undefined ? undefined : walks.get(walkId);
    const update = (view: unknown) =>
      client.views.update({ view_id: modal.id, hash: modal.hash, view: view as never }).then((r) => r.view);
    if (!walk || walk.slackUserId !== userId || walk.outcome !== 'in_progress' || !walk.onBehalfOf) {
      s.deps.logger.warn({ slackUserId: userId, walkId: walk?.id }, 'message shortcut choice with unusable state');
      await update(troubleshootDoneModal(ctx.t('tree.expired'), ctx.locale)).catch(() => {});
      return;
    }
    if (!forAuthor) walks.forSelf({ id: walk.id, slackUserId: userId, now: s.deps.clock.now() });
    const walkFor = { ...(forAuthor ? { onBehalfOf: walk.onBehalfOf } : {}), ...(details ? { details } : {}) };
    await showTroubleshooter(s, userId, walk.id, walkFor, update);
  };
}
