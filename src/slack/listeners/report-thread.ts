import { eq } from 'drizzle-orm';
import { reports, type Report } from '../../../db/schema.js';
import { translator, type Translate } from '../../i18n/index.js';
import { audit } from '../../reports/audit.js';
import { reassign, transition, type ReportEvent, type TransitionOutcome } from '../../reports/lifecycle.js';
import { ActionIds, CallbackIds } from '../ids.js';
import type { ActionArgs, SlackDispatcher, ViewArgs } from '../dispatcher.js';
import { lifecycleContext, type SlackServices } from '../services.js';
import { formModal, plain } from '../views/blocks.js';
import { adminGate, parseId } from '../permissions.js';
import { ratingDoneModal, ratingModal } from '../views/intake.js';
import { parseScore, recordRating } from '../../reports/ratings.js';
import { RatingForm } from '../ids.js';

function outcomeText(outcome: TransitionOutcome, t: Translate): string | null {
  if (outcome.ok) return null;
  if (outcome.reason === 'not_found') return t('action.not_found');
  return t('action.not_allowed', { id: outcome.report.id, state: t(`report.state.${outcome.report.state}`) });
}

/** The root message's buttons (admins only, checked at the click) and the reporter's DM buttons. */
export function registerReportThread(router: SlackDispatcher, s: SlackServices): void {
  const { deps, roster } = s;

  /** A thread modal's submission: checked again against the roster, then applied; problems show on `block`. */
  const adminForm =
    (block: string, apply: (report: Report, view: ViewArgs['view'], userId: string, t: Translate) => TransitionOutcome | string) =>
    async ({ ack, body, view }: ViewArgs) => {
      const userId = body.user.id;
      const t = translator(await s.profiles.locale(userId));
      const gate = adminGate(s, userId, parseId(view.private_metadata), t);
      const result = 'refusal' in gate ? gate.refusal : apply(gate.report, view, userId, t);
      const problem = typeof result === 'string' ? result : outcomeText(result, t);
      if (problem) {
        await ack({ response_action: 'errors', errors: { [block]: problem } });
        return;
      }
      await ack();
      s.outbox.kick();
    };

  /** A root-message button: checked against the roster at the click; refusals are ephemeral and change nothing. */
  const adminButton = (handle: (args: ActionArgs, report: Report, t: Translate) => Promise<void>) => async (args: ActionArgs) => {
    await args.ack();
    const userId = args.body.user.id;
    const t = translator(await s.profiles.locale(userId));
    const reportId = parseId((args.action as { value?: string }).value);
    const gate = adminGate(s, userId, reportId, t);
    if ('refusal' in gate) {
      deps.logger.warn({ slackUserId: userId, reportId, action: (args.action as { action_id: string }).action_id }, 'thread button refused');
      await args.respond({ response_type: 'ephemeral', replace_original: false, text: gate.refusal });
      return;
    }
    await handle(args, gate.report, t);
  };

  const apply = async (args: ActionArgs, t: Translate, outcome: TransitionOutcome) => {
    const problem = outcomeText(outcome, t);
    if (problem) await args.respond({ response_type: 'ephemeral', replace_original: false, text: problem });
    else s.outbox.kick();
  };

  router.action(
    ActionIds.reportAck,
    adminButton(async (args, report, t) => {
      await apply(args, t, transition(deps.db, { reportId: report.id, event: 'acknowledge', actor: args.body.user.id }, lifecycleContext(s)));
    }),
  );

  router.action(
    ActionIds.reportReassign,
    adminButton(async (args, report, t) => {
      const reportId = report.id;
      await args.client.views.open({
        trigger_id: args.body.trigger_id,
        view: formModal({
          callbackId: CallbackIds.reassignModal,
          privateMetadata: String(reportId),
          title: t('reassign.title'),
          submit: t('reassign.submit'),
          close: t('modal.cancel'),
          blocks: [
            {
              type: 'input',
              block_id: 'assignee',
              label: plain(t('reassign.label')),
              element: { type: 'users_select', action_id: 'assignee_select', ...(report.assigneeSlackId ? { initial_user: report.assigneeSlackId } : {}) },
            },
          ],
        }) as never,
      }).catch((error: Error) => deps.logger.warn({ err: error.message, reportId }, 'views.open failed for reassign'));
    }),
  );

  router.view(
    CallbackIds.reassignModal,
    adminForm('assignee', (report, view, userId, t) => {
      const to = view.state?.values?.assignee?.assignee_select?.selected_user ?? '';
      // Any Slack user can be picked in the modal; only someone on the roster (and not the reporter) may take it.
      if (!roster.isAdmin(to) || report.reporterSlackId === to) return t('action.not_admin');
      return reassign(deps.db, { reportId: report.id, to, actor: userId }, lifecycleContext(s));
    }),
  );

  router.action(
    ActionIds.reportResolve,
    adminButton(async (args, { id: reportId }, t) => {
      await args.client.views.open({
        trigger_id: args.body.trigger_id,
        view: formModal({
          callbackId: CallbackIds.resolveModal,
          privateMetadata: String(reportId),
          title: t('resolve.title'),
          submit: t('resolve.submit'),
          close: t('modal.cancel'),
          blocks: [
            {
              type: 'input',
              block_id: 'note',
              optional: true,
              label: plain(t('resolve.note')),
              element: { type: 'plain_text_input', action_id: 'note_input', multiline: true, max_length: 1000 },
            },
          ],
        }) as never,
      }).catch((error: Error) => deps.logger.warn({ err: error.message, reportId }, 'views.open failed for resolve'));
    }),
  );

  router.view(
    CallbackIds.resolveModal,
    adminForm('note', (report, view, userId) => {
      const raw = view.state?.values?.note?.note_input?.value;
      const note = typeof raw === 'string' && raw.trim() ? raw.trim().slice(0, 1000) : undefined;
      return transition(deps.db, { reportId: report.id, event: 'resolve', actor: userId, ...(note ? { note } : {}) }, lifecycleContext(s));
    }),
  );

  /** The reporter's answers in their DM: only the reporter of that report may give them. */
  const reporterButton = (event: ReportEvent | 'back_in', doneKey: 'dm.thanks_back_in' | 'dm.reopened' | 'dm.cancelled') => async (args: ActionArgs) => {
    await args.ack();
    const userId = args.body.user.id;
    const t = translator(await s.profiles.locale(userId));
    const reportId = parseId((args.action as { value?: string }).value);
    const report = reportId === null ? undefined : deps.db.select().from(reports).where(eq(reports.id, reportId)).get();
    if (!report || report.reporterSlackId !== userId) {
      await args.respond({ response_type: 'ephemeral', replace_original: false, text: report ? t('action.not_reporter') : t('action.not_found') });
      return;
    }
    if (event === 'back_in') {
      deps.db.transaction((tx) => audit(tx, { type: 'report.reporter_back_in', reportId: report.id, actorSlackId: userId, now: deps.clock.now() }));
      // "Did it work?": a resolved report asks for a 1–5 rating and an optional comment (the modal may be skipped).
      if (report.state === 'resolved') {
        await args.client.views.open({ trigger_id: args.body.trigger_id, view: ratingModal(t, report.id) as never }).catch((error: Error) => {
          deps.logger.warn({ slackUserId: userId, reportId: report.id, err: error.message }, 'views.open failed for the rating');
        });
      }
      await args.respond({ replace_original: true, text: t(doneKey, { id: report.id }) });
      return;
    }
    const outcome = transition(deps.db, { reportId: report.id, event, actor: userId }, lifecycleContext(s));
    const problem = outcomeText(outcome, t);
    await args.respond(problem ? { response_type: 'ephemeral', replace_original: false, text: problem } : { replace_original: true, text: t(doneKey, { id: report.id }) });
    if (!problem) s.outbox.kick();
  };

  router.action(ActionIds.reporterBackIn, reporterButton('back_in', 'dm.thanks_back_in'));

  /** The rating form: the reporter of a resolved report, once per resolution (checked in the transaction). */
  router.view(CallbackIds.reporterRatingModal, async ({ ack, body, view }) => {
    const userId = body.user.id;
    const t = translator(await s.profiles.locale(userId));
    const reportId = parseId(view.private_metadata);
    const values = view.state?.values ?? {};
    const score = parseScore(values[RatingForm.score.block]?.[RatingForm.score.action]?.selected_option?.value);
    const comment = values[RatingForm.comment.block]?.[RatingForm.comment.action]?.value;
    if (score === null) {
      await ack({ response_action: 'errors', errors: { [RatingForm.score.block]: t('rating.score_required') } });
      return;
    }
    const outcome = reportId === null ? ({ kind: 'not_found' } as const) : recordRating(deps.db, { reportId, userId, score, comment: typeof comment === 'string' ? comment : '', now: deps.clock.now() });
    const answers = { recorded: 'rating.thanks', already: 'rating.already', not_found: 'action.not_found', not_reporter: 'action.not_reporter', not_resolved: 'rating.not_resolved', invalid: 'rating.score_required' } as const;
    if (outcome.kind === 'recorded') deps.logger.info({ reportId, slackUserId: userId, score }, 'rating recorded');
    await ack({ response_action: 'update', view: ratingDoneModal(t, t(answers[outcome.kind])) as never });
  });
  router.action(ActionIds.reporterStillStuck, reporterButton('reopen', 'dm.reopened'));
  router.action(ActionIds.reporterFixedNow, reporterButton('cancel', 'dm.cancelled'));
}
