import type { ActionArgs } from '../dispatcher.js';
import type { RequestContext } from '../request-context.js';
import type { SlackServices } from '../services.js';
import { ssoLinkBlocks } from '../sso-link.js';
import { plain } from '../views/blocks.js';

/** "Verify with SSO": a one-time link for the person who pressed it, shown only to them (on top of a modal, or ephemerally). */
export function ssoVerify(s: Pick<SlackServices, 'deps' | 'sso' | 'roster'>) {
  return async (args: ActionArgs, ctx: RequestContext): Promise<void> => {
    const { t, userId } = ctx;
    const link = await ssoLinkBlocks(s, userId, t);
    if (args.body.view?.type !== 'modal') return ctx.replyEphemeral(link.text, link.blocks);
    const view = {
      type: 'modal' as const,
      title: plain(t('verify.title')),
      close: plain(t('tree.close')),
      blocks: link.blocks as never,
    };
    await args.client.views.push({ trigger_id: args.body.trigger_id, view }).catch((error: Error) => {
      s.deps.logger.warn({ slackUserId: userId, err: error.message }, 'views.push failed for the SSO link');
    });
  };
}
