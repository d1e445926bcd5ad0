import type { WebClient } from '@slack/web-api';
import { loginNameProblem, type LoginNameProblem } from '../../directory/login-name.js';
import { translator, type Locale, type MessageKey } from '../../i18n/index.js';
import { isStorageError } from '../../health.js';
import { submitReport } from '../../reports/submit-report.js';
import { answer, back, current, encodeState, start, type WalkState } from '../../troubleshoot/engine.js';
import { reportRemedy } from '../../troubleshoot/schema.js';
import { buildTemplateVars, settingsFacts } from '../../troubleshoot/template-vars.js';
import { stepConditions } from '../../troubleshoot/step-conditions.js';
import { timedUnlockMinutes } from '../../settings/environment-settings.js';
import { loginTree } from '../../troubleshoot/tree.js';
import { WalkStore } from '../../troubleshoot/walk-store.js';
import { ActionIds, CallbackIds, ReportForm } from '../ids.js';
import type { ActionArgs, SlackDispatcher } from '../dispatcher.js';
import { lifecycleContext, type SlackServices } from '../services.js';
import { reportReceivedDm } from '../views/report-message.js';
import { filedForYouDm } from '../views/intake.js';
import { submissionRefusedText } from '../views/submission-refused.js';
import type { SelfServiceOffer } from '../views/self-service.js';
import { threadLinks } from '../thread-links.js';
import { decodeMetadata, troubleshootDoneModal, troubleshootModal, type WalkMetadata } from '../views/troubleshoot-modal.js';

const tree = loginTree;
/** How long a refused submission waits for its open reports' permalinks before answering (Slack allows 3 s). */
const PERMALINK_WAIT_MS = 1000;

const LOGIN_NAME_ERRORS: Record<LoginNameProblem, MessageKey> = {
  empty: 'modal.error.login_name_empty',
  too_long: 'modal.error.login_name_too_long',
  forbidden_character: 'modal.error.login_name_chars',
  surrounding_space: 'modal.error.login_name_spaces',
};

/** The troubleshooter as it stands; `selfService` replaces the default offer (after "Reset it myself now"). */
export function troubleshootView(s: SlackServices, meta: WalkMetadata, locale: Locale, slackUserId: string, selfService?: SelfServiceOffer) {
  const settings = s.environment.get();
  return troubleshootModal({
    tree,
    meta,
    locale,
    vars: buildTemplateVars({ baseUrl: s.deps.config.cybozu?.baseUrl, lockoutMinutes: timedUnlockMinutes(settings) ?? undefined }, locale),
    conditions: stepConditions(settings, meta.facts),
    offerSso: s.sso !== null && s.sso.identityOf(slackUserId) === null,
    selfService: selfService ?? selfServiceOffer(s, meta),
  });
}
const view = troubleshootView;

/** The report step of a leaf whose remedy self-service may fix, while admins have it switched on. */
function selfServiceOffer(s: SlackServices, meta: WalkMetadata): SelfServiceOffer | undefined {
  const node = current(tree, meta.state);
  if (node.kind !== 'leaf' || !(node.outcome === 'needs_admin' || meta.reporting)) return undefined;
  const remedy = reportRemedy(node);
  return s.selfService?.offered(remedy) ? { kind: 'button', remedy } : undefined;
}

/** Who a walk is for and what its report form starts with (the message shortcut). */
export interface WalkFor {
  /** A message's author the walker reports for: their e-mail finds the account, and they become the reporter. */
  onBehalfOf?: string;
  /** The message's text, offered as the report's details. */
  details?: string;
}

/**
 * Opens the troubleshooter on its first question (the trigger expires in ~3 s, so before anything slow), then
 * asks the directory about the user's account and, when the facts answer questions, moves the modal on.
 */
export async function openTroubleshooter(s: SlackServices, client: WebClient, userId: string, triggerId: string, walkFor: WalkFor = {}): Promise<boolean> {
  const walk = new WalkStore(s.deps.db).start({ slackUserId: userId, locale: await s.profiles.locale(userId), path: '', now: s.deps.clock.now(), ...(walkFor.onBehalfOf ? { onBehalfOf: walkFor.onBehalfOf } : {}) });
  return showTroubleshooter(s, userId, walk.id, walkFor, async (view) => (await client.views.open({ trigger_id: triggerId, view: view as never })).view);
}

/**
 * Shows the first question of a walk already recorded (`show` opens a modal or replaces one), then fills in what
 * the directory knows about the reporter's account: the walker's own, or the author's when walking for them.
 */
export async function showTroubleshooter(
  s: SlackServices,
  userId: string,
  walkId: number,
  walkFor: WalkFor,
  show: (view: unknown) => Promise<{ id?: string; hash?: string } | undefined>,
): Promise<boolean> {
  const { deps } = s;
  const walker = await s.profiles.get(userId);
  const reporter = walkFor.onBehalfOf ? await s.profiles.get(walkFor.onBehalfOf) : walker;
  const walks = new WalkStore(deps.db);
  const settings = s.environment.get();
  const fromSettings = settingsFacts({ selfReset: settings.selfReset, lockoutReleasedByTime: timedUnlockMinutes(settings) !== null });
  const initial = start(tree, fromSettings);
  walks.progress({ id: walkId, slackUserId: userId, path: encodeState(initial), leafId: null, now: deps.clock.now() });
  const meta: WalkMetadata = {
    walkId,
    state: initial,
    facts: fromSettings,
    reporting: false,
    ...(walkFor.onBehalfOf ? { onBehalfOf: walkFor.onBehalfOf } : {}),
    ...(walkFor.details ? { details: walkFor.details } : {}),
  };
  let opened;
  try {
    opened = await show(view(s, meta, walker.locale, userId));
  } catch (error) {
    deps.logger.warn({ slackUserId: userId, err: (error as Error).message }, 'the troubleshooter could not be shown');
    return false;
  }
  if (!s.accountFacts || !reporter.email) return true;
  try {
    const known = await s.accountFacts(reporter.email);
    if (Object.keys(known.facts).length === 0 && !known.loginName) return true;
    const facts = { ...known.facts, ...fromSettings };
    const withFacts: WalkMetadata = { ...meta, state: start(tree, facts), facts, ...(known.loginName ? { loginName: known.loginName } : {}) };
    walks.progress({ id: walkId, slackUserId: userId, path: encodeState(withFacts.state), leafId: leafIdOf(withFacts.state), facts, now: deps.clock.now() });
    // `hash` makes Slack refuse the update if the user already moved on: their answer wins.
    await s.client.views.update({ view_id: opened?.id ?? '', hash: opened?.hash ?? '', view: view(s, withFacts, walker.locale, userId) as never });
  } catch (error) {
    deps.logger.info({ slackUserId: userId, err: (error as Error).message }, 'troubleshooter continues without directory facts');
  }
  return true;
}

function leafIdOf(state: WalkState): string | null {
  const node = current(tree, state);
  return node.kind === 'leaf' ? node.id : null;
}

export function registerTroubleshooter(router: SlackDispatcher, s: SlackServices): void {
  const walks = new WalkStore(s.deps.db);

  router.shortcut(CallbackIds.loginReport, async ({ shortcut, ack, client }) => {
    await ack();
    if (!(await openTroubleshooter(s, client, shortcut.user.id, shortcut.trigger_id))) {
      const t = translator(await s.profiles.locale(shortcut.user.id));
      await client.chat.postEphemeral({ channel: shortcut.user.id, user: shortcut.user.id, text: t('error.modal_unavailable') }).catch(() => {});
    }
  });

  /** Every click inside the modal: decode where the user is, move, record, redraw. */
  const step = (move: (meta: WalkMetadata, actionValue: string) => WalkMetadata | 'fixed') => async (args: ActionArgs) => {
    const { ack, body, client } = args;
    await ack();
    const userId = body.user.id;
    const locale = await s.profiles.locale(userId);
    const current = body.view;
    if (!current) return;
    const now = s.deps.clock.now();
    let next;
    try {
      const meta = decodeMetadata(tree, current.private_metadata);
      const moved = move(meta, String((body.actions[0] as { value?: string } | undefined)?.value ?? ''));
      if (moved === 'fixed') {
        if (walks.finish(s.deps.db, { id: meta.walkId, slackUserId: userId, outcome: 'self_resolved', path: encodeState(meta.state), leafId: leafIdOf(meta.state), now })) s.metrics.walkFinished('self_resolved');
        next = troubleshootDoneModal(translator(locale)('tree.done_fixed'), locale);
      } else {
        // The path lives in the modal until the walk ends (finish records it): no write per click.
        next = view(s, moved, locale, userId);
      }
    } catch (error) {
      s.deps.logger.warn({ slackUserId: userId, err: (error as Error).message }, 'troubleshooter click with unusable state');
      next = troubleshootDoneModal(translator(locale)('tree.expired'), locale);
    }
    await client.views.update({ view_id: current.id, hash: current.hash, view: next as never }).catch((error: Error) => {
      s.deps.logger.warn({ slackUserId: userId, err: error.message }, 'views.update failed in the troubleshooter');
    });
  };

  router.actionPrefix(ActionIds.treeAnswerPrefix, step((meta, answerId) => ({ ...meta, state: answer(tree, meta.state, answerId, meta.facts) })));
  router.action(ActionIds.treeBack, step((meta) => (meta.reporting ? { ...meta, reporting: false } : { ...meta, state: back(tree, meta.state) })));
  router.action(ActionIds.treeStuck, step((meta) => ({ ...meta, reporting: true })));
  router.action(ActionIds.treeFixed, step(() => 'fixed'));

  router.view(CallbackIds.loginReport, async ({ ack, body, view: submitted }) => {
    const userId = body.user.id;
    const locale = await s.profiles.locale(userId);
    const t = translator(locale);
    let meta: WalkMetadata;
    try {
      meta = decodeMetadata(tree, submitted.private_metadata);
    } catch {
      await ack({ response_action: 'update', view: troubleshootDoneModal(t('tree.expired'), locale) as never });
      return;
    }
    const leaf = current(tree, meta.state);
    if (leaf.kind !== 'leaf' || (leaf.outcome === 'self_help' && !meta.reporting)) {
      await ack({ response_action: 'update', view: troubleshootDoneModal(t('tree.expired'), locale) as never });
      return;
    }
    const values = submitted.state?.values ?? {};
    const loginName = stringValue(values[ReportForm.loginName.block]?.[ReportForm.loginName.action]?.value);
    const details = stringValue(values[ReportForm.details.block]?.[ReportForm.details.action]?.value);
    const errors: Record<string, string> = {};
    const problem = loginNameProblem(loginName);
    if (problem) errors[ReportForm.loginName.block] = t(LOGIN_NAME_ERRORS[problem]);
    if ([...details].length > 2000) errors[ReportForm.details.block] = t('modal.error.details_too_long');
    if (Object.keys(errors).length > 0) {
      await ack({ response_action: 'errors', errors });
      return;
    }

    const { db, logger, config } = s.deps;
    // Walked for a message's author (as the server recorded it): they are the reporter, in their language.
    const walk = walks.get(meta.walkId);
    const onBehalfOf = walk?.slackUserId === userId ? walk.onBehalfOf : null;
    const reporterLocale = onBehalfOf ? await s.profiles.locale(onBehalfOf) : locale;
    const limits = { maxOpen: config.limits.maxOpenReports, perHour: config.limits.reportsPerHour };
    // Stored before the ack: an acknowledged submission is never lost. One walk makes at most one report.
    let outcome;
    try {
      outcome = submitReport(db, {
        input: {
          reporterSlackId: userId,
          loginName,
          leafId: leaf.id,
          remedy: reportRemedy(leaf),
          path: meta.state.path,
          walkId: meta.walkId,
          details: details.trim(),
          locale: reporterLocale,
        },
        lifecycle: lifecycleContext(s),
        limits,
        receivedDm: (r) => (r.filedBySlackId ? filedForYouDm(r) : reportReceivedDm(r, s.sso !== null && s.sso.identityOf(r.reporterSlackId) === null)),
      });
    } catch (error) {
      if (!isStorageError(error)) throw error;
      // Nothing was stored (one transaction): say so in the form, which keeps what the user typed.
      logger.error({ slackUserId: userId, code: (error as { code?: string }).code }, 'report could not be stored');
      await ack({ response_action: 'errors', errors: { [ReportForm.loginName.block]: t('error.storage') } });
      return;
    }
    if (outcome.kind === 'refused') {
      logger.info({ slackUserId: userId, walkId: meta.walkId, reason: outcome.reason }, 'report submission refused');
      const open = 'open' in outcome ? outcome.open : [];
      const links = await threadLinks(s.client, open, PERMALINK_WAIT_MS);
      const text = submissionRefusedText(outcome, { locale, timezone: config.timezone, limits, links });
      await ack({ response_action: 'update', view: troubleshootDoneModal(text, locale) as never });
      return;
    }
    const { report } = outcome;
    const done = report.filedBySlackId ? t('intake.done_filed_for', { id: report.id, author: report.reporterSlackId }) : t('tree.done_reported', { id: report.id });
    await ack({ response_action: 'update', view: troubleshootDoneModal(done, locale) as never });
    logger.info({ reportId: report.id, slackUserId: userId, leafId: leaf.id, created: outcome.kind === 'created' }, outcome.kind === 'created' ? 'report created' : 'report submission replayed');
    s.outbox.kick();
  });

  router.viewClosed(CallbackIds.loginReport, async ({ ack, body, view: closed }) => {
    await ack();
    try {
      const meta = decodeMetadata(tree, closed.private_metadata);
      if (walks.finish(s.deps.db, { id: meta.walkId, slackUserId: body.user.id, outcome: 'abandoned', path: encodeState(meta.state), leafId: leafIdOf(meta.state), now: s.deps.clock.now() })) s.metrics.walkFinished('abandoned');
    } catch {
      // A closed modal with unusable metadata has nothing to record.
    }
  });
}

function stringValue(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
