import { adminSteppedUp, adminStepUpPrompt } from '../src/slack/step-up.js';
import { mentionedUser } from './mention.js';
import { adminOnly } from './admin-only.js';
import type { SubCommand } from './types.js';

/**
 * `/kintone-login admins` (list: anyone), `admins add|remove <@U…>` (admins, after the step-up when
 * OIDC_ADMIN_GROUP is set: whoever changes the roster decides who may reset passwords; the last admin stays).
 */
export const adminsCommand: SubCommand = {
  names: ['admins'],
  usage: ['usage.admins'],
  async run(ctx) {
    const { t, services, args } = ctx;
    const { roster, deps } = services;
    const action = args[0]?.toLowerCase();
    if (!action) {
      const all = roster.list();
      await ctx.ack({
        text: t('admins.list', { count: all.length, who: all.map((a) => `<@${a.slackId}>`).join(', ') || '—' }),
      });
      return;
    }
    if (!(await adminOnly(ctx))) return;
    const who = mentionedUser(args[1]);
    if ((action !== 'add' && action !== 'remove') || !who || args.length > 2) {
      await ctx.ack({ text: t('admins.usage') });
      return;
    }
    if (!adminSteppedUp(services, ctx.userId)) {
      // The sign-in link may need the provider's discovery: answer after the ack, not inside it.
      await ctx.ack();
      await ctx.respond(await adminStepUpPrompt(services, ctx.userId, t));
      return;
    }
    const now = deps.clock.now();
    const change = action === 'add' ? roster.add(who, ctx.userId, now) : roster.remove(who, ctx.userId, now);
    const key = {
      added: 'admins.added',
      already_admin: 'admins.already',
      removed: 'admins.removed',
      not_admin: 'admins.not_admin',
      last_admin: 'admins.last',
    } as const;
    deps.logger.info({ slackUserId: ctx.userId, target: who, change }, 'roster change');
    await ctx.ack({ text: t(key[change], { who }) });
  },
};
