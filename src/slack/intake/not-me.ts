import { translator } from '../../i18n/index.js';
import { enqueueDm } from '../../outbox/outbox.js';
import { withdrawNotMine } from '../../reports/on-behalf.js';
import type { ActionArgs } from '../dispatcher.js';
import { parseId } from '../permissions.js';
import type { RequestContext } from '../request-context.js';
import { lifecycleContext, type SlackServices } from '../services.js';

/** "Not me" in the DM about a report filed for the author: withdrawn, and the one who filed it hears why. */
export function reporterNotMe(s: SlackServices) {
  return async ({ action, respond }: ActionArgs, ctx: RequestContext): Promise<void> => {
    const { userId, t } = ctx;
    const { db, clock, logger } = s.deps;
    const reportId = parseId((action as { value?: string }).value);
    const outcome =
      reportId === null
        ? ({ kind: 'not_found' } as const)
        : withdrawNotMine(db, { reportId, userId }, lifecycleContext(s));
    if (outcome.kind === 'not_found') return ctx.replyEphemeral(t('action.not_found'));
    if (outcome.kind === 'not_reporter') return ctx.replyEphemeral(t('action.not_reporter'));
    if (outcome.kind === 'not_filed_for') return ctx.replyEphemeral(t('intake.nothing_to_confirm'));
    const { report } = outcome;
    if (outcome.kind === 'not_allowed')
      return ctx.replyEphemeral(t('action.not_allowed', { id: report.id, state: t(`report.state.${report.state}`) }));
    const filerT = translator(await s.profiles.locale(outcome.filer));
    const message = { text: filerT('intake.filer_told_not_me', { id: report.id, author: userId }) };
    db.transaction((tx) => enqueueDm(tx, { userId: outcome.filer, message, reportId: report.id, now: clock.now() }));
    s.outbox.kick();
    logger.info(
      { reportId: report.id, slackUserId: userId },
      'author says a report filed for them is not theirs: withdrawn',
    );
    await respond({ replace_original: true, text: t('intake.not_me_done', { id: report.id }) });
  };
}
