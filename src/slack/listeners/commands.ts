import { dispatch } from '../../../commands/index.js';
import { translator } from '../../i18n/index.js';
import { COMMAND } from '../ids.js';
import type { SlackDispatcher } from '../dispatcher.js';
import type { SlackServices } from '../services.js';

export function registerCommands(router: SlackDispatcher, s: SlackServices): void {
  router.command(COMMAND, async ({ command, ack, respond, client }) => {
    const locale = await s.profiles.locale(command.user_id);
    const t = translator(locale);
    let acked = false;
    // The payload carries no locale: re-read a stale profile after the ack, so a changed language shows next time.
    let refreshed: Promise<void> | undefined;
    const ackOnce = async (answer?: { text: string; blocks?: unknown[] }) => {
      if (acked) return;
      acked = true;
      await ack(answer ? { response_type: 'ephemeral', text: answer.text, blocks: answer.blocks as never } : undefined);
      refreshed = s.profiles.refreshIfStale(command.user_id);
    };
    try {
      await dispatch(command.text ?? '', {
        userId: command.user_id,
        channelId: command.channel_id,
        triggerId: command.trigger_id,
        locale,
        t,
        services: s,
        client,
        ack: ackOnce,
        respond: async (answer) => {
          await respond({ response_type: 'ephemeral', replace_original: answer.replace ?? false, text: answer.text, blocks: answer.blocks as never });
        },
      });
    } catch (error) {
      s.deps.logger.error({ slackUserId: command.user_id, err: error }, 'slash command failed');
      if (!acked) await ackOnce({ text: t('error.generic') });
      else await respond({ response_type: 'ephemeral', text: t('error.generic') }).catch(() => {});
    }
    await refreshed;
  });
}
