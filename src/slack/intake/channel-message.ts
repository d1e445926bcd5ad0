import { isAboutKintoneLogin } from '../../intake/login-phrases.js';
import type { MessageEventArgs } from '../dispatcher.js';
import type { SlackServices } from '../services.js';
import { listenReplyMessage } from '../views/intake.js';

type ChannelMessage = {
  subtype?: string;
  bot_id?: string;
  user?: string;
  text?: string;
  channel: string;
  channel_type?: string;
  ts: string;
  thread_ts?: string;
};

/** Help channels: a message about not getting into kintone gets one threaded offer of the troubleshooter. */
export function answerChannelMessage(s: SlackServices) {
  return async ({ event, context }: MessageEventArgs): Promise<void> => {
    const message = event as ChannelMessage;
    // Only what people write: no edits, joins or bot posts, and never the app's own messages.
    if (
      message.subtype !== undefined ||
      message.bot_id ||
      typeof message.user !== 'string' ||
      message.user === context.botUserId
    )
      return;
    if (message.channel_type !== 'channel' && message.channel_type !== 'group') return;
    if (typeof message.channel !== 'string' || typeof message.ts !== 'string') return;
    if (typeof message.text !== 'string' || !isAboutKintoneLogin(message.text)) return;
    if (!s.listening.isOn(message.channel)) return;
    const poster = message.user;
    const locale = await s.profiles.locale(poster);
    const reply = s.listening.offer({
      channelId: message.channel,
      slackUserId: poster,
      messageTs: message.ts,
      threadTs: message.thread_ts ?? message.ts,
      now: s.deps.clock.now(),
      message: (replyId) => listenReplyMessage({ locale, replyId, poster }),
    });
    if (!reply) return;
    s.deps.logger.info(
      { channelId: message.channel, slackUserId: poster, replyId: reply.id },
      'help-channel message answered with the troubleshooter',
    );
    s.outbox.kick();
  };
}
