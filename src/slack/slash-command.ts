import { dispatch } from '../../commands/index.js';
import type { CommandArgs, SlackDispatcher } from './dispatcher.js';
import { COMMAND } from './ids.js';
import type { RequestContext } from './request-context.js';
import type { SlackServices } from './services.js';

/** `/kintone-login …`: the sub-commands live in `commands/` (they get every service); this is where Slack's request meets them. */
export function slashCommand(s: SlackServices) {
  return async ({ command, ack, respond, client }: CommandArgs, ctx: RequestContext): Promise<void> => {
    const { userId, locale, t } = ctx;
    let acked = false;
    // The payload carries no locale: re-read a stale profile after the ack, so a changed language shows next time.
    let refreshed: Promise<void> | undefined;
    const ackOnce = async (answer?: { text: string; blocks?: unknown[] }) => {
      if (acked) return;
      acked = true;
      await ack(answer ? { response_type: 'ephemeral', text: answer.text, blocks: answer.blocks as never } : undefined);
      refreshed = s.profiles.refreshIfStale(userId);
    };
    const answerLater = async (answer: { text: string; blocks?: unknown[]; replace?: boolean }) => {
      await respond({
        response_type: 'ephemeral',
        replace_original: answer.replace ?? false,
        text: answer.text,
        blocks: answer.blocks as never,
      });
    };
    try {
      const where = { userId, channelId: command.channel_id, triggerId: command.trigger_id };
      await dispatch(command.text ?? '', {
        ...where,
        locale,
        t,
        services: s,
        client,
        ack: ackOnce,
        respond: answerLater,
      });
    } catch (error) {
      s.deps.logger.error({ slackUserId: userId, err: error }, 'slash command failed');
      if (!acked) await ackOnce({ text: t('error.generic') });
      else await respond({ response_type: 'ephemeral', text: t('error.generic') }).catch(() => {});
    }
    await refreshed;
  };
}

export function registerCommands(dispatcher: SlackDispatcher, s: SlackServices): void {
  dispatcher.command(COMMAND, slashCommand(s));
}
