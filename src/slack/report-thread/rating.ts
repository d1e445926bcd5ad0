import { parseScore, recordRating } from '../../reports/ratings.js';
import type { ViewArgs } from '../dispatcher.js';
import { RatingForm } from '../ids.js';
import { parseId } from '../permissions.js';
import type { RequestContext } from '../request-context.js';
import type { SlackServices } from '../services.js';
import { ratingDoneModal } from '../views/intake.js';

const ANSWERS = {
  recorded: 'rating.thanks',
  already: 'rating.already',
  not_found: 'action.not_found',
  not_reporter: 'action.not_reporter',
  not_resolved: 'rating.not_resolved',
  invalid: 'rating.score_required',
} as const;

/** The rating form: the reporter of a resolved report, once per resolution (checked in the transaction). */
export function rating(s: Pick<SlackServices, 'deps'>) {
  return async ({ ack, view }: ViewArgs, ctx: RequestContext): Promise<void> => {
    const { t, userId } = ctx;
    const reportId = parseId(view.private_metadata);
    const values = view.state?.values ?? {};
    const score = parseScore(values[RatingForm.score.block]?.[RatingForm.score.action]?.selected_option?.value);
    const comment = values[RatingForm.comment.block]?.[RatingForm.comment.action]?.value;
    if (score === null)
      return void (await ack({
        response_action: 'errors',
        errors: { [RatingForm.score.block]: t('rating.score_required') },
      }));
    const now = s.deps.clock.now();
    const outcome =
      reportId === null
        ? ({ kind: 'not_found' } as const)
        : recordRating(s.deps.db, {
            reportId,
            userId,
            score,
            comment: typeof comment === 'string' ? comment : '',
            now,
          });
    if (outcome.kind === 'recorded') s.deps.logger.info({ reportId, slackUserId: userId, score }, 'rating recorded');
    await ack({ response_action: 'update', view: ratingDoneModal(t, t(ANSWERS[outcome.kind])) as never });
  };
}
