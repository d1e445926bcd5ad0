import { reassign } from '../../reports/lifecycle.js';
import { lifecycleContext, type SlackServices } from '../services.js';
import { adminForm } from './outcome.js';

/** The reassign modal's submission: any Slack user can be picked; only someone on the roster (not the reporter) may take it. */
export function reassignSubmit(s: Pick<SlackServices, 'deps' | 'environment' | 'outbox' | 'roster'>) {
  return adminForm(s, 'assignee', (report, view, ctx) => {
    const to = view.state?.values?.assignee?.assignee_select?.selected_user ?? '';
    if (!s.roster.isAdmin(to) || report.reporterSlackId === to) return ctx.t('action.not_admin');
    return reassign(s.deps.db, { reportId: report.id, to, actor: ctx.userId }, lifecycleContext(s));
  });
}
