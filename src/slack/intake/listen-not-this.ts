import type { ActionArgs } from '../dispatcher.js';
import { parseId } from '../permissions.js';
import type { RequestContext } from '../request-context.js';
import type { SlackServices } from '../services.js';

/** "Not this" under the app's reply in a help channel: the reply is taken back. */
export function dismissChannelReply(s: Pick<SlackServices, 'deps' | 'listening' | 'roster'>) {
  return async ({ action, respond }: ActionArgs, ctx: RequestContext): Promise<void> => {
    const { userId, t } = ctx;
    const replyId = parseId((action as { value?: string }).value);
    const reply = replyId === null ? undefined : s.listening.reply(replyId);
    // The person it was meant for, or an admin, may take it back; anyone else is told so, and nothing changes.
    if (!reply || (reply.slackUserId !== userId && !s.roster.isAdmin(userId)))
      return ctx.replyEphemeral(t('listen.not_yours'));
    s.listening.dismiss(reply.id, userId, s.deps.clock.now());
    await respond({ replace_original: true, text: t('listen.dismissed') });
  };
}
