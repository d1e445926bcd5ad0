import { switchListening } from '../src/slack/intake/switch-listening.js';
import { adminOnly } from './admin-only.js';
import type { SubCommand } from './types.js';

/** `/kintone-login listen on|off` (admins), typed in the channel: help-channel answers there. Bare `listen`: where it is on. */
export const listenCommand: SubCommand = {
  names: ['listen'],
  usage: ['usage.listen'],
  async run(ctx) {
    const { t, services, args } = ctx;
    if (!(await adminOnly(ctx))) return;
    const mode = args[0]?.toLowerCase();
    if (mode === undefined) {
      const channels = services.listening.channels();
      await ctx.ack({
        text: t('listen.status', {
          here: t(services.listening.isOn(ctx.channelId) ? 'listen.status.here_on' : 'listen.status.here_off'),
          channels: channels.length ? channels.map((c) => `<#${c}>`).join(' ') : t('stats.none'),
        }),
      });
      return;
    }
    if ((mode !== 'on' && mode !== 'off') || args.length > 1) {
      await ctx.ack({ text: t('listen.usage') });
      return;
    }
    const change = { channelId: ctx.channelId, on: mode === 'on', by: ctx.userId, t };
    if (mode === 'off') {
      await ctx.ack({ text: await switchListening(services, change) });
      return;
    }
    // Switching on asks Slack whether the app is a member: acknowledge first, then replace the answer.
    await ctx.ack({ text: t('listen.checking') });
    await ctx.respond({ text: await switchListening(services, change), replace: true });
  },
};
