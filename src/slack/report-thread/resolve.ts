import { buttonId } from '../button-value.js';
import type { ActionArgs } from '../dispatcher.js';
import { CallbackIds } from '../ids.js';
import type { RequestContext } from '../request-context.js';
import { formModal, plain } from '../views/blocks.js';

/** "Resolve": the modal with an optional note (the report is resolved when it is submitted). */
export function resolve() {
  return async (args: ActionArgs, ctx: RequestContext): Promise<void> => {
    const { t } = ctx;
    const report = await ctx.requireAdmin(buttonId(args));
    if (!report) return;
    const note = { type: 'plain_text_input', action_id: 'note_input', multiline: true, max_length: 1000 };
    const view = formModal({
      callbackId: CallbackIds.resolveModal,
      privateMetadata: String(report.id),
      title: t('resolve.title'),
      submit: t('resolve.submit'),
      close: t('modal.cancel'),
      blocks: [{ type: 'input', block_id: 'note', optional: true, label: plain(t('resolve.note')), element: note }],
    });
    await ctx.openView(args.body.trigger_id, view, 'resolve');
  };
}
