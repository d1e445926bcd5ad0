import { reportModal } from '../src/slack/views/report-modal.js';
import type { SubCommand } from './types.js';

/** `/kintone-login` and `/kintone-login report`: open the form (the trigger id expires in ~3 s, so first). */
export const reportCommand: SubCommand = {
  names: ['', 'report'],
  usage: ['usage.report'],
  async run(ctx) {
    await ctx.ack();
    try {
      await ctx.client.views.open({ trigger_id: ctx.triggerId, view: reportModal(ctx.t) as never });
    } catch (error) {
      ctx.services.deps.logger.warn({ slackUserId: ctx.userId, err: (error as Error).message }, 'views.open failed for the report modal');
      await ctx.respond({ text: ctx.t('error.modal_unavailable') });
    }
  },
};
