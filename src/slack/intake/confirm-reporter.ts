import { translator } from '../../i18n/index.js';
import { confirmReporter as confirm } from '../../reports/on-behalf.js';
import type { ActionArgs } from '../dispatcher.js';
import { ActionIds } from '../ids.js';
import { parseId } from '../permissions.js';
import type { RequestContext } from '../request-context.js';
import { lifecycleContext, type SlackServices } from '../services.js';
import { section } from '../views/blocks.js';
import { filedForYouDm } from '../views/intake.js';

/** "This is me" in the DM about a report filed for the author: only they can say it is theirs. */
export function confirmReporter(s: SlackServices) {
  return async ({ action, respond }: ActionArgs, ctx: RequestContext): Promise<void> => {
    const { userId, t } = ctx;
    const { db, config, logger } = s.deps;
    const reportId = parseId((action as { value?: string }).value);
    const threadNote = () => ({
      text: translator(config.defaultLocale)('intake.thread.confirmed', { reporter: userId }),
    });
    const outcome =
      reportId === null
        ? ({ kind: 'not_found' } as const)
        : confirm(db, { reportId, userId, threadNote }, lifecycleContext(s));
    if (outcome.kind === 'not_found') return ctx.replyEphemeral(t('action.not_found'));
    if (outcome.kind === 'not_reporter') return ctx.replyEphemeral(t('action.not_reporter'));
    if (outcome.kind === 'not_filed_for') return ctx.replyEphemeral(t('intake.nothing_to_confirm'));
    s.outbox.kick();
    logger.info({ reportId: outcome.report.id, slackUserId: userId }, 'reporter confirmed a report filed for them');
    const text = t('intake.confirmed', { id: outcome.report.id });
    const dmActions = ((filedForYouDm(outcome.report).blocks ?? []).slice(1) as never[]).map(onlyFixedNow);
    await respond({ replace_original: true, text, blocks: [section(text), ...dmActions] as never });
  };
}

/** The DM's actions without the "this is me / not me" buttons, once answered. */
function onlyFixedNow(block: { type?: string; elements?: { action_id?: string }[] }) {
  return { ...block, elements: (block.elements ?? []).filter((e) => e.action_id === ActionIds.reporterFixedNow) };
}
