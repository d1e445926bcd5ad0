import { isAboutKintoneLogin } from '../../intake/login-phrases.js';
import { translator } from '../../i18n/index.js';
import { ActionIds } from '../ids.js';
import { parseId } from '../permissions.js';
import type { SlackDispatcher } from '../dispatcher.js';
import type { SlackServices } from '../services.js';
import { listenReplyMessage } from '../views/intake.js';
import { publishHome } from './home.js';
import { openTroubleshooter } from '../troubleshooter/walk.js';

export type Membership = 'member' | 'not_member' | 'unknown';

/** Whether the app is in the channel (it only hears messages there). A private channel it is not in is "not found". */
export async function appMembership(s: SlackServices, channelId: string): Promise<Membership> {
  try {
    const info = await s.client.conversations.info({ channel: channelId });
    return (info.channel as { is_member?: boolean } | undefined)?.is_member ? 'member' : 'not_member';
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error;
    if (code === 'channel_not_found') return 'not_member';
    s.deps.logger.warn({ channelId, err: (error as Error).message }, 'conversations.info failed');
    return 'unknown';
  }
}

/**
 * Switches help-channel answers on or off for a channel (admins; checked by the caller). On needs the app in the
 * channel: otherwise nothing is switched and the answer says how to invite it.
 */
export async function switchListening(s: SlackServices, p: { channelId: string; on: boolean; by: string; t: ReturnType<typeof translator> }): Promise<string> {
  const { t, channelId } = p;
  if (!/^[CG][A-Z0-9]+$/.test(channelId)) return t('listen.not_a_channel');
  if (p.on) {
    const membership = await appMembership(s, channelId);
    if (membership === 'not_member') return t('listen.not_member', { channel: channelId });
    if (membership === 'unknown') return t('listen.check_failed', { channel: channelId });
  }
  const changed = s.listening.set(channelId, p.on, p.by, s.deps.clock.now());
  s.deps.logger.info({ channelId, on: p.on, changed, slackUserId: p.by }, 'help-channel answers switched');
  return t(p.on ? (changed ? 'listen.on' : 'listen.already_on') : changed ? 'listen.off' : 'listen.already_off', { channel: channelId });
}

/** Help channels: a message about not getting into kintone gets one threaded offer of the troubleshooter. */
export function registerListen(router: SlackDispatcher, s: SlackServices): void {
  const { deps } = s;

  router.channelMessage(async ({ event, context }) => {
    const message = event as { subtype?: string; bot_id?: string; user?: string; text?: string; channel: string; channel_type?: string; ts: string; thread_ts?: string };
    // Only what people write: no edits, joins or bot posts, and never the app's own messages.
    if (message.subtype !== undefined || message.bot_id || typeof message.user !== 'string' || message.user === context.botUserId) return;
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
      now: deps.clock.now(),
      message: (replyId) => listenReplyMessage({ locale, replyId, poster }),
    });
    if (!reply) return;
    deps.logger.info({ channelId: message.channel, slackUserId: poster, replyId: reply.id }, 'help-channel message answered with the troubleshooter');
    s.outbox.kick();
  });

  router.action(ActionIds.listenOpen, async ({ ack, body, client }) => {
    await ack();
    await openTroubleshooter(s, client, body.user.id, body.trigger_id);
  });

  router.action(ActionIds.listenNotThis, async (args) => {
    await args.ack();
    const userId = args.body.user.id;
    const t = translator(await s.profiles.locale(userId));
    const replyId = parseId((args.action as { value?: string }).value);
    const reply = replyId === null ? undefined : s.listening.reply(replyId);
    // The person it was meant for, or an admin, may take it back; anyone else is told so, and nothing changes.
    if (!reply || (reply.slackUserId !== userId && !s.roster.isAdmin(userId))) {
      await args.respond({ response_type: 'ephemeral', replace_original: false, text: t('listen.not_yours') });
      return;
    }
    s.listening.dismiss(reply.id, userId, deps.clock.now());
    await args.respond({ replace_original: true, text: t('listen.dismissed') });
  });

  router.action(ActionIds.homeListenOn, async ({ ack, body, client, action }) => {
    await ack();
    const userId = body.user.id;
    if (!s.roster.isAdmin(userId)) return publishHome(s, client, userId);
    const channelId = String((action as { selected_conversation?: string }).selected_conversation ?? '');
    const t = translator(await s.profiles.locale(userId));
    await publishHome(s, client, userId, await switchListening(s, { channelId, on: true, by: userId, t }));
  });

  router.actionPrefix(ActionIds.homeListenOffPrefix, async ({ ack, body, client, action }) => {
    await ack();
    const userId = body.user.id;
    if (!s.roster.isAdmin(userId)) return publishHome(s, client, userId);
    const channelId = String((action as { value?: string }).value ?? '');
    const t = translator(await s.profiles.locale(userId));
    await publishHome(s, client, userId, await switchListening(s, { channelId, on: false, by: userId, t }));
  });
}
