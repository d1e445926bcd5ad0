import { formatTime } from '../../i18n/index.js';
import { declineCover as decline } from '../../roster/covers.js';
import type { ActionArgs } from '../dispatcher.js';
import type { RequestContext } from '../request-context.js';
import type { SlackServices } from '../services.js';
import { coverDeclinedDm } from '../views/duty-cover.js';

/** "Decline" in the cover request's DM: the cover is withdrawn and the asker told. */
export function declineCover(s: Pick<SlackServices, 'deps' | 'afterDutyChange'>) {
  return async ({ action, respond }: ActionArgs, ctx: RequestContext): Promise<void> => {
    const { config, clock, db } = s.deps;
    const coverId = Number((action as { value?: string }).value);
    const outcome = Number.isSafeInteger(coverId)
      ? decline(db, { coverId, by: ctx.userId, now: clock.now() }, (c) =>
          coverDeclinedDm(c, { locale: config.defaultLocale, timezone: config.timezone }),
        )
      : ({ ok: false, reason: 'not_found' } as const);
    if (!outcome.ok) return ctx.replyEphemeral(ctx.t('duty.cover.decline_refused'));
    const { requestedBy, startAt, endAt } = outcome.cover;
    const when = (at: number) => formatTime(at, ctx.locale, config.timezone);
    await respond({
      replace_original: true,
      text: ctx.t('duty.cover.declined', { by: requestedBy, from: when(startAt), to: when(endAt) }),
    });
    s.afterDutyChange();
  };
}
