import type { Report } from '../../../db/schema.js';
import { reportById } from '../../reports/queries.js';
import type { RequestContext } from '../request-context.js';
import type { SlackServices } from '../services.js';

/** The reporter's DM buttons answer only the reporter of that report; anyone else is told so, only to them. */
export async function requireReporter(
  s: Pick<SlackServices, 'deps'>,
  reportId: number | null,
  ctx: RequestContext,
): Promise<Report | null> {
  const report = reportId === null ? undefined : reportById(s.deps.db, reportId);
  if (report && report.reporterSlackId === ctx.userId) return report;
  await ctx.replyEphemeral(report ? ctx.t('action.not_reporter') : ctx.t('action.not_found'));
  return null;
}
