import type { ShortcutArgs } from '../dispatcher.js';
import type { RequestContext } from '../request-context.js';
import type { SlackServices } from '../services.js';
import { openTroubleshooter } from './walk.js';

/** The global shortcut: the troubleshooter, or a word in the user's DM when the modal cannot open. */
export function openFromShortcut(s: SlackServices) {
  return async ({ shortcut, ack, client }: ShortcutArgs, ctx: RequestContext): Promise<void> => {
    await ack();
    if (await openTroubleshooter(s, client, ctx.userId, shortcut.trigger_id)) return;
    await client.chat
      .postEphemeral({ channel: ctx.userId, user: ctx.userId, text: ctx.t('error.modal_unavailable') })
      .catch(() => {});
  };
}
