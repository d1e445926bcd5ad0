import { enqueueDm } from '../../outbox/outbox.js';
import { translator } from '../../i18n/index.js';
import { confirmReporter } from '../../reports/on-behalf.js';
import { transition } from '../../reports/lifecycle.js';
import { WalkStore } from '../../troubleshoot/walk-store.js';
import { ActionIds, CallbackIds } from '../ids.js';
import { parseId } from '../permissions.js';
import type { ActionArgs, SlackDispatcher } from '../dispatcher.js';
import { lifecycleContext, type SlackServices } from '../services.js';
import { section, truncate } from '../views/blocks.js';
import { filedForYouDm, forWhomModal } from '../views/intake.js';
import { troubleshootDoneModal } from '../views/troubleshoot-modal.js';
import { openTroubleshooter, showTroubleshooter } from '../troubleshooter/walk.js';
import { eq } from 'drizzle-orm';
import { reports } from '../../../db/schema.js';

/** A message's text kept as the report's details (the form allows 2000; the modal's metadata holds less). */
const DETAILS_FROM_MESSAGE = 1000;
const SLACK_USER = /^[UW][A-Z0-9]{2,}$/;

/** The message shortcut: the troubleshooter for the clicker, or for the message's author; the author's answer. */
export function registerIntake(router: SlackDispatcher, s: SlackServices): void {
  const { deps } = s;
  const walks = new WalkStore(deps.db);

  router.messageShortcut(CallbackIds.loginReportMessage, async ({ shortcut, ack, client }) => {
    await ack();
    const clicker = shortcut.user.id;
    const message = (shortcut.message ?? {}) as { user?: unknown; bot_id?: unknown; text?: unknown };
    const details = typeof message.text === 'string' ? truncate(message.text.trim(), DETAILS_FROM_MESSAGE) : '';
    // Someone else's message (not a bot's): ask whose problem it is. Who the author is comes from Slack's signed payload.
    const author = typeof message.user === 'string' && SLACK_USER.test(message.user) && !message.bot_id ? message.user : null;
    let shown: boolean;
    if (!author || author === clicker) {
      shown = await openTroubleshooter(s, client, clicker, shortcut.trigger_id, details ? { details } : {});
    } else {
      const t = translator(await s.profiles.locale(clicker));
      const walk = walks.start({ slackUserId: clicker, locale: await s.profiles.locale(clicker), path: '', now: deps.clock.now(), onBehalfOf: author });
      shown = await client.views
        .open({ trigger_id: shortcut.trigger_id, view: forWhomModal({ t, walkId: walk.id, author, details }) as never })
        .then(() => true)
        .catch((error: Error) => {
          deps.logger.warn({ slackUserId: clicker, err: error.message }, 'views.open failed for the message shortcut');
          return false;
        });
    }
    if (!shown) {
      const t = translator(await s.profiles.locale(clicker));
      await client.chat.postEphemeral({ channel: shortcut.channel?.id ?? clicker, user: clicker, text: t('error.modal_unavailable') }).catch(() => {});
    }
  });

  /** "For me" / "for the author": the walk recorded at the shortcut decides who the author is, never the modal. */
  const choose = (forAuthor: boolean) => async ({ ack, body, client }: ActionArgs) => {
    await ack();
    const userId = body.user.id;
    const current = body.view;
    if (!current) return;
    const t = translator(await s.profiles.locale(userId));
    let parsed: { w?: unknown; d?: unknown };
    try {
      parsed = JSON.parse(current.private_metadata) as typeof parsed;
    } catch {
      parsed = {};
    }
    const walk = typeof parsed.w === 'number' ? walks.get(parsed.w) : undefined;
    const details = typeof parsed.d === 'string' ? parsed.d.slice(0, DETAILS_FROM_MESSAGE) : '';
    const update = (view: unknown) => client.views.update({ view_id: current.id, hash: current.hash, view: view as never }).then((r) => r.view);
    if (!walk || walk.slackUserId !== userId || walk.outcome !== 'in_progress' || !walk.onBehalfOf) {
      deps.logger.warn({ slackUserId: userId, walkId: walk?.id }, 'message shortcut choice with unusable state');
      await update(troubleshootDoneModal(t('tree.expired'), await s.profiles.locale(userId))).catch(() => {});
      return;
    }
    if (!forAuthor) walks.forSelf({ id: walk.id, slackUserId: userId, now: deps.clock.now() });
    const walkFor = { ...(forAuthor ? { onBehalfOf: walk.onBehalfOf } : {}), ...(details ? { details } : {}) };
    await showTroubleshooter(s, userId, walk.id, walkFor, update);
  };
  router.action(ActionIds.messageReportSelf, choose(false));
  router.action(ActionIds.messageReportAuthor, choose(true));

  router.viewClosed(CallbackIds.messageReportFor, async ({ ack, body, view }) => {
    await ack();
    try {
      const { w } = JSON.parse(view.private_metadata) as { w?: unknown };
      if (typeof w === 'number') walks.finish(deps.db, { id: w, slackUserId: body.user.id, outcome: 'abandoned', now: deps.clock.now() });
    } catch {
      // Unusable metadata: nothing to record.
    }
  });

  /** The author's answers: only they can say whether a report filed for them is theirs. */
  router.action(ActionIds.reporterConfirmSelf, async (args) => {
    await args.ack();
    const userId = args.body.user.id;
    const t = translator(await s.profiles.locale(userId));
    const reportId = parseId((args.action as { value?: string }).value);
    const outcome =
      reportId === null
        ? ({ kind: 'not_found' } as const)
        : confirmReporter(deps.db, { reportId, userId, threadNote: () => ({ text: translator(deps.config.defaultLocale)('intake.thread.confirmed', { reporter: userId }) }) }, lifecycleContext(s));
    if (outcome.kind === 'confirmed' || outcome.kind === 'already') {
      s.outbox.kick();
      deps.logger.info({ reportId: outcome.report.id, slackUserId: userId }, 'reporter confirmed a report filed for them');
      const dm = filedForYouDm(outcome.report);
      const text = t('intake.confirmed', { id: outcome.report.id });
      await args.respond({ replace_original: true, text, blocks: [section(text), ...((dm.blocks ?? []).slice(1) as never[]).map(onlyFixedNow)] as never });
      return;
    }
    const text = outcome.kind === 'not_found' ? t('action.not_found') : outcome.kind === 'not_reporter' ? t('action.not_reporter') : t('intake.nothing_to_confirm');
    await args.respond({ response_type: 'ephemeral', replace_original: false, text });
  });

  router.action(ActionIds.reporterNotMe, async (args) => {
    await args.ack();
    const userId = args.body.user.id;
    const t = translator(await s.profiles.locale(userId));
    const reportId = parseId((args.action as { value?: string }).value);
    const report = reportId === null ? undefined : deps.db.select().from(reports).where(eq(reports.id, reportId)).get();
    if (!report || report.reporterSlackId !== userId || report.filedBySlackId === null) {
      await args.respond({ response_type: 'ephemeral', replace_original: false, text: !report ? t('action.not_found') : report.reporterSlackId !== userId ? t('action.not_reporter') : t('intake.nothing_to_confirm') });
      return;
    }
    const outcome = transition(deps.db, { reportId: report.id, event: 'cancel', actor: userId, reason: 'not_me' }, lifecycleContext(s));
    if (!outcome.ok) {
      await args.respond({ response_type: 'ephemeral', replace_original: false, text: t('action.not_allowed', { id: report.id, state: t(`report.state.${report.state}`) }) });
      return;
    }
    // The one who filed it hears why it was withdrawn.
    const filer = report.filedBySlackId;
    const filerT = translator(await s.profiles.locale(filer));
    deps.db.transaction((tx) => enqueueDm(tx, { userId: filer, message: { text: filerT('intake.filer_told_not_me', { id: report.id, author: userId }) }, reportId: report.id, now: deps.clock.now() }));
    s.outbox.kick();
    deps.logger.info({ reportId: report.id, slackUserId: userId }, 'author says a report filed for them is not theirs: withdrawn');
    await args.respond({ replace_original: true, text: t('intake.not_me_done', { id: report.id }) });
  });
}

/** The DM's actions without the "this is me / not me" buttons, once answered. */
function onlyFixedNow(block: { type?: string; elements?: { action_id?: string }[] }) {
  return { ...block, elements: (block.elements ?? []).filter((e) => e.action_id === ActionIds.reporterFixedNow) };
}

