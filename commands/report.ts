import { openTroubleshooter } from '../src/slack/troubleshooter/walk.js';
import type { SubCommand } from './types.js';

/** `/kintone-login` and `/kintone-login report`: open the troubleshooter (the trigger id expires in ~3 s, so first). */
export const reportCommand: SubCommand = {
  names: ['', 'report'],
  usage: ['usage.report'],
  async run(ctx) {
    await ctx.ack();
    if (!(await openTroubleshooter(ctx.services, ctx.client, ctx.userId, ctx.triggerId))) {
      await ctx.respond({ text: ctx.t('error.modal_unavailable') });
    }
  },
};
