import { transition } from '../../reports/lifecycle.js';
import { lifecycleContext, type SlackServices } from '../services.js';
import { adminForm } from './outcome.js';

/** The resolve modal's submission: the report is resolved, with the note when there is one (trimmed, at most 1000 characters). */
export function resolveSubmit(s: Pick<SlackServices, 'deps' | 'environment' | 'outbox'>) {
  return adminForm(s, 'note', (report, view, ctx) => {
    const raw = view.state?.values?.note?.note_input?.value;
    const note = typeof raw === 'string' && raw.trim() ? raw.trim().slice(0, 1000) : undefined;
    return transition(
      s.deps.db,
      { reportId: report.id, event: 'resolve', actor: ctx.userId, ...(note ? { note } : {}) },
      lifecycleContext(s),
    );
  });
}
