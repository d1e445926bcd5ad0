import { buttonId } from '../button-value.js';
import type { ActionArgs } from '../dispatcher.js';
import { CallbackIds } from '../ids.js';
import type { RequestContext } from '../request-context.js';
import { formModal, plain } from '../views/blocks.js';

/** "Reassign": the modal that picks another admin (the choice is checked when it is submitted). */
export function reassign() {
  return async (args: ActionArgs, ctx: RequestContext): Promise<void> => {
    const { t } = ctx;
    const report = await ctx.requireAdmin(buttonId(args));
    if (!report) return;
    const initial = report.assigneeSlackId ? { initial_user: report.assigneeSlackId } : {};
    const view = formModal({
      callbackId: CallbackIds.reassignModal,
      privateMetadata: String(report.id),
      title: t('reassign.title'),
      submit: t('reassign.submit'),
      close: t('modal.cancel'),
      blocks: [
        {
          type: 'input',
          block_id: 'assignee',
          label: plain(t('reassign.label')),
          element: { type: 'users_select', action_id: 'assignee_select', ...initial },
        },
      ],
    });
    await ctx.openView(args.body.trigger_id, view, 'reassign');
  };
}
