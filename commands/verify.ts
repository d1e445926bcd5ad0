import { ssoLinkBlocks } from '../src/slack/sso-link.js';
import type { SubCommand } from './types.js';

/** `/kintone-login verify`: a one-time single sign-on link, bound to the caller, shown only to them. */
export const verifyCommand: SubCommand = {
  names: ['verify'],
  usage: ['usage.verify'],
  async run(ctx) {
    if (!ctx.services.sso) {
      await ctx.ack({ text: ctx.t('verify.not_configured') });
      return;
    }
    await ctx.ack();
    await ctx.respond(await ssoLinkBlocks(ctx.services, ctx.userId, ctx.t));
  },
};
