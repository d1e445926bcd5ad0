import { parseShiftList } from '../../routing/shifts.js';
import type { ViewArgs } from '../dispatcher.js';
import type { RequestContext } from '../request-context.js';
import type { SlackServices } from '../services.js';
import { publishHome } from './publish.js';

/** The shifts form submitted: checked again (admins only), parsed line by line, saved. */
export function saveShifts(s: SlackServices) {
  return async ({ ack, view, client }: ViewArgs, ctx: RequestContext): Promise<void> => {
    const { userId, t, locale } = ctx;
    if (!s.roster.isAdmin(userId)) return ack({ response_action: 'errors', errors: { shifts: t('admins.only') } });
    const parsed = parseShiftList(String(view.state?.values?.shifts?.shifts_input?.value ?? ''));
    if (!parsed.ok) {
      const message = parsed.errors
        .map((e) => t('shifts.error', { line: e.line, message: e.error.localized(locale) }))
        .join('\n');
      return ack({ response_action: 'errors', errors: { shifts: message.slice(0, 2000) } });
    }
    s.roster.setShifts(userId, parsed.shifts, s.deps.clock.now());
    await ack();
    s.afterDutyChange();
    await publishHome(s, client, userId);
  };
}
