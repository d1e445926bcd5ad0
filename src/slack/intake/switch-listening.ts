import type { Translate } from '../../i18n/index.js';
import type { SlackServices } from '../services.js';

export type Membership = 'member' | 'not_member' | 'unknown';

/** Whether the app is in the channel (it only hears messages there). A private channel it is not in is "not found". */
export async function appMembership(s: Pick<SlackServices, 'client' | 'deps'>, channelId: string): Promise<Membership> {
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
export async function switchListening(
  s: Pick<SlackServices, 'client' | 'deps' | 'listening'>,
  p: { channelId: string; on: boolean; by: string; t: Translate },
): Promise<string> {
  const { t, channelId } = p;
  if (!/^[CG][A-Z0-9]+$/.test(channelId)) return t('listen.not_a_channel');
  if (p.on) {
    const membership = await appMembership(s, channelId);
    if (membership === 'not_member') return t('listen.not_member', { channel: channelId });
    if (membership === 'unknown') return t('listen.check_failed', { channel: channelId });
  }
  const changed = s.listening.set(channelId, p.on, p.by, s.deps.clock.now());
  s.deps.logger.info({ channelId, on: p.on, changed, slackUserId: p.by }, 'help-channel answers switched');
  return t(p.on ? (changed ? 'listen.on' : 'listen.already_on') : changed ? 'listen.off' : 'listen.already_off', {
    channel: channelId,
  });
}
