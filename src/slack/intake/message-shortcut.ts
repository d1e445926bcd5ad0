import { WalkStore } from '../../troubleshoot/walk-store.js';
import type { MessageShortcutArgs } from '../dispatcher.js';
import type { RequestContext } from '../request-context.js';
import type { SlackServices } from '../services.js';
import { openTroubleshooter } from '../troubleshooter/walk.js';
import { truncate } from '../views/blocks.js';
import { forWhomModal } from '../views/intake.js';
import { DETAILS_FROM_MESSAGE } from './for-whom.js';

const SLACK_USER = /^[UW][A-Z0-9]{2,}$/;

/** The message shortcut: the troubleshooter for the clicker, or first "for whom?" on someone else's message. */
export function reportFromMessage(s: SlackServices) {
  const walks = new WalkStore(s.deps.db);
  return async ({ shortcut, ack, client }: MessageShortcutArgs, ctx: RequestContext): Promise<void> => {
    await ack();
    const clicker = ctx.userId;
    const message = (shortcut.message ?? {}) as { user?: unknown; bot_id?: unknown; text?: unknown };
    const details = typeof message.text === 'string' ? truncate(message.text.trim(), DETAILS_FROM_MESSAGE) : '';
    // Someone else's message (not a bot's): ask whose problem it is. Who the author is comes from Slack's signed payload.
    const author =
      typeof message.user === 'string' && SLACK_USER.test(message.user) && !message.bot_id ? message.user : null;
    let shown: boolean;
    if (!author || author === clicker) {
      shown = await openTroubleshooter(s, client, clicker, shortcut.trigger_id, details ? { details } : {});
    } else {
      const walk = walks.start({
        slackUserId: clicker,
        locale: ctx.locale,
        path: '',
        now: s.deps.clock.now(),
        onBehalfOf: author,
      });
      shown =
        (await ctx.openView(
          shortcut.trigger_id,
          forWhomModal({ t: ctx.t, walkId: walk.id, author, details }),
          'the message shortcut',
        )) !== null;
    }
    if (shown) return;
    await client.chat
      .postEphemeral({
        channel: shortcut.channel?.id ?? clicker,
        user: clicker,
        text: ctx.t('error.modal_unavailable'),
      })
      .catch(() => {});
  };
}
