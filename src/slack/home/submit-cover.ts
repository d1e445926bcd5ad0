import { requestCover } from '../../roster/covers.js';
import type { ViewArgs } from '../dispatcher.js';
import type { RequestContext } from '../request-context.js';
import type { SlackServices } from '../services.js';
import { CoverForm, coverRefusalText, coverRequestDm } from '../views/duty-cover.js';
import { readCoverForm } from './cover-form.js';
import { publishHome } from './publish.js';

/** The cover form submitted: the cover is asked (and told by DM), or the form says why not. */
export function submitCover(s: SlackServices) {
  return async ({ ack, view, client }: ViewArgs, ctx: RequestContext): Promise<void> => {
    const { config, clock, db } = s.deps;
    const form = readCoverForm((view.state?.values ?? {}) as never, config.timezone, ctx.t);
    if (!form.ok) return ack({ response_action: 'errors', errors: form.errors });
    // requestCover checks the roster again (a forged submission, or an admin removed meanwhile, records nothing).
    const asked = { requestedBy: ctx.userId, cover: form.cover, start: form.start, end: form.end };
    const outcome = requestCover(db, asked, clock.now(), (c) =>
      coverRequestDm(c, { locale: config.defaultLocale, timezone: config.timezone }),
    );
    if (!outcome.ok) {
      const aboutTime = outcome.reason === 'bad_range' || outcome.reason === 'in_past' || outcome.reason === 'too_long';
      return ack({
        response_action: 'errors',
        errors: { [aboutTime ? CoverForm.end.block : CoverForm.who.block]: coverRefusalText(outcome.reason, ctx.t) },
      });
    }
    await ack();
    s.afterDutyChange();
    await publishHome(s, client, ctx.userId);
  };
}
