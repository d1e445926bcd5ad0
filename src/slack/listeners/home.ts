import type { WebClient } from '@slack/web-api';
import { catalogues, formatTime, translator, type MessageKey, type Translate } from '../../i18n/index.js';
import { fixStats } from '../../reports/fix-stats.js';
import type { EnvironmentSettings } from '../../settings/environment-settings.js';
import { fixStatsLines } from '../views/fix-stats.js';
import { latestFailedActions, queuedReports, reportsOfReporter, unresolvedAssignedTo, type FailedAction } from '../../reports/queries.js';
import { toDuty } from '../../roster/roster.js';
import { liveCovers } from '../../roster/covers.js';
import { isOnDuty } from '../../routing/duty.js';
import { parseShiftList } from '../../routing/shifts.js';
import { ActionIds, CallbackIds, COMMAND } from '../ids.js';
import { environmentModal, EnvironmentForm, readEnvironmentForm } from '../views/environment-modal.js';
import type { SlackDispatcher } from '../dispatcher.js';
import type { SlackServices } from '../services.js';
import { homeView, shiftsModal } from '../views/home.js';
import { writeCapabilityText } from '../views/write-capability.js';
import { declineCover, requestCover } from '../../roster/covers.js';
import { parseLocalDateTime } from '../../routing/local-time.js';
import { coverDeclinedDm, CoverForm, coverModal, coverRefusalText, coverRequestDm } from '../views/duty-cover.js';
import { dutyGroupText } from '../views/duty-group.js';
import { openTroubleshooter } from '../troubleshooter/walk.js';
import { ratingSummary } from '../../reports/ratings.js';
import { ratingLines } from '../views/intake.js';

/** App Home shows admins the ratings of the last 30 days, like `stats`. */
const RATINGS_WINDOW_MS = 30 * 24 * 60 * 60_000;

/** Builds and publishes a user's App Home from the database as it is now. */
export async function publishHome(s: SlackServices, client: WebClient, userId: string, notice?: string): Promise<void> {
  const { db, clock, config } = s.deps;
  const profile = await s.profiles.get(userId);
  const t = translator(profile.locale);
  const myReports = reportsOfReporter(db, userId);
  const admin = s.roster.get(userId);
  const writes = admin && s.writeCapability ? await s.writeCapability() : null;
  const login = s.directory?.authAccount?.kind === 'password' ? s.directory.authAccount.login : null;
  const mine = admin ? unresolvedAssignedTo(db, userId) : [];
  const queued = admin ? queuedReports(db) : [];
  const failures = admin ? latestFailedActions(db, [...mine, ...queued].map((r) => r.id)) : new Map<number, FailedAction>();
  const view = homeView({
    t,
    locale: profile.locale,
    timezone: config.timezone,
    myReports,
    ...(notice ? { notice } : {}),
    ...(admin
      ? {
          admin: {
            onDuty: isOnDuty(toDuty(admin, liveCovers(db, clock.now())), clock.now(), config.timezone),
            shifts: toDuty(admin).shifts,
            mine,
            queued,
            failedActions: new Map([...failures].map(([id, failure]) => [id, failedActionNote(failure, t)])),
            ...(writes ? { writeCapability: writeCapabilityText(writes, { t, locale: profile.locale, timezone: config.timezone, login }) } : {}),
            suggestLoginMessage: !s.environment.get().loginFailureMessage.includes(COMMAND),
            selfService: selfServiceStatus(s.environment.get(), t),
            fixes: fixStatsLines(fixStats(db, clock.now() - THIRTY_DAYS_MS), t, profile.locale),
            ...(s.dutyGroup ? { dutyGroup: dutyGroupText(s.dutyGroup.status(), t) } : {}),
            listening: s.listening.channels(),
            ratings: ratingLines(ratingSummary(db, clock.now() - RATINGS_WINDOW_MS), { t, locale: profile.locale, timezone: config.timezone }),
          },
        }
      : {}),
  });
  await client.views.publish({ user_id: userId, view: view as never }).catch((error: Error) => {
    s.deps.logger.warn({ slackUserId: userId, err: error.message }, 'views.publish failed for App Home');
  });
}

const THIRTY_DAYS_MS = 30 * 24 * 60 * 60_000;

/** "Self-service is on for …" or off, as App Home shows it to admins. */
function selfServiceStatus(settings: EnvironmentSettings, t: Translate): { text: string; on: boolean } {
  const { selfService } = settings;
  const remedies = [...(selfService.resetPassword ? [t('remedy.reset_password')] : []), ...(selfService.unlock ? [t('remedy.unlock')] : [])];
  if (remedies.length === 0) return { text: t('home.admin.self_service.off'), on: false };
  return { text: t('home.admin.self_service.on', { remedies: remedies.join(', '), hours: selfService.cooldownHours, minutes: selfService.signInFreshnessMinutes }), on: true };
}

/** One line under a report whose latest account action failed: what failed and why (no free licence, …). */
function failedActionNote(failure: FailedAction, t: Translate): string {
  const reason = failure.errorKind === 'no_licence' ? 'home.admin.reason.no_licence' : `diag.error.${failure.errorKind ?? 'unexpected'}`;
  const known = (reason in catalogues.ja ? reason : 'diag.error.unexpected') as MessageKey;
  return t('home.admin.action_failed', { kind: t(`action.kind.${failure.kind}` as MessageKey), reason: t(known, { seconds: '' }) });
}

export function registerHome(router: SlackDispatcher, s: SlackServices): void {
  // The kill switch (issue 15): every self-service remedy off at once, audited; the next click finds it off.
  router.action(ActionIds.homeSelfServiceStop, async ({ ack, body, client }) => {
    await ack();
    const userId = body.user.id;
    // Checked at the click: the roster may have changed since the tab was drawn.
    if (!s.roster.isAdmin(userId)) {
      s.deps.logger.warn({ slackUserId: userId }, 'self-service kill switch refused: not an admin');
      return publishHome(s, client, userId);
    }
    s.environment.stopSelfService(userId, s.deps.clock.now());
    s.deps.logger.warn({ slackUserId: userId }, 'self-service switched off from App Home');
    await publishHome(s, client, userId);
  });

  router.appHomeOpened(async ({ event, client }) => {
    // Events are acknowledged before this runs: a stale profile is re-read first, so the tab (and what the app
    // says next) follows the user's current Slack language.
    await s.profiles.refreshIfStale(event.user);
    if (event.tab !== 'home') return;
    await publishHome(s, client, event.user);
  });

  router.action(ActionIds.homeStartReport, async ({ ack, body, client }) => {
    await ack();
    await openTroubleshooter(s, client, body.user.id, body.trigger_id);
  });

  router.action(ActionIds.homeDutyToggle, async ({ ack, body, client, action }) => {
    await ack();
    const userId = body.user.id;
    // Checked at the click: the roster may have changed since the tab was drawn.
    if (!s.roster.isAdmin(userId)) return publishHome(s, client, userId);
    s.roster.setManualDuty(userId, (action as { value?: string }).value === 'on', s.deps.clock.now());
    s.afterDutyChange();
    await publishHome(s, client, userId);
  });

  router.action(ActionIds.homeEditShifts, async ({ ack, body, client }) => {
    await ack();
    const admin = s.roster.get(body.user.id);
    if (!admin) return publishHome(s, client, body.user.id);
    const locale = await s.profiles.locale(body.user.id);
    await client.views.open({ trigger_id: body.trigger_id, view: shiftsModal(translator(locale), locale, toDuty(admin).shifts) as never }).catch((error: Error) => {
      s.deps.logger.warn({ slackUserId: body.user.id, err: error.message }, 'views.open failed for shifts');
    });
  });

  router.view('home_shifts_modal', async ({ ack, body, view, client }) => {
    const userId = body.user.id;
    const locale = await s.profiles.locale(userId);
    const t = translator(locale);
    if (!s.roster.isAdmin(userId)) {
      await ack({ response_action: 'errors', errors: { shifts: t('admins.only') } });
      return;
    }
    const parsed = parseShiftList(String(view.state?.values?.shifts?.shifts_input?.value ?? ''));
    if (!parsed.ok) {
      const message = parsed.errors.map((e) => t('shifts.error', { line: e.line, message: e.error.localized(locale) })).join('\n');
      await ack({ response_action: 'errors', errors: { shifts: message.slice(0, 2000) } });
      return;
    }
    s.roster.setShifts(userId, parsed.shifts, s.deps.clock.now());
    await ack();
    s.afterDutyChange();
    await publishHome(s, client, userId);
  });

  router.action(ActionIds.homeDutyCover, async ({ ack, body, client }) => {
    await ack();
    const userId = body.user.id;
    // Checked at the click, and again at the submission.
    if (!s.roster.isAdmin(userId)) return publishHome(s, client, userId);
    const t = translator(await s.profiles.locale(userId));
    await client.views.open({ trigger_id: body.trigger_id, view: coverModal(t, s.deps.config.timezone) as never }).catch((error: Error) => {
      s.deps.logger.warn({ slackUserId: userId, err: error.message }, 'views.open failed for the cover form');
    });
  });

  router.view(CallbackIds.dutyCoverModal, async ({ ack, body, view, client }) => {
    const userId = body.user.id;
    const t = translator(await s.profiles.locale(userId));
    const { config, clock, db } = s.deps;
    const values = (view.state?.values ?? {}) as Record<string, Record<string, { value?: string | null; selected_user?: string | null }>>;
    const read = (f: { block: string; action: string }) => String(values[f.block]?.[f.action]?.value ?? '').normalize('NFKC').trim();
    const at = (text: string) => {
      const [date = '', time = '', extra] = text.split(/\s+/);
      return extra === undefined ? parseLocalDateTime(date, time, config.timezone) : null;
    };
    const cover = String(values[CoverForm.who.block]?.[CoverForm.who.action]?.selected_user ?? '');
    const start = at(read(CoverForm.start));
    const end = at(read(CoverForm.end));
    const errors: Record<string, string> = {};
    if (start === null) errors[CoverForm.start.block] = t('duty.cover.bad_time');
    if (end === null) errors[CoverForm.end.block] = t('duty.cover.bad_time');
    if (start === null || end === null) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    // requestCover checks the roster again (a forged submission, or an admin removed meanwhile, records nothing).
    const outcome = requestCover(db, { requestedBy: userId, cover, start, end }, clock.now(), (c) => coverRequestDm(c, { locale: config.defaultLocale, timezone: config.timezone }));
    if (!outcome.ok) {
      const block = outcome.reason === 'bad_range' || outcome.reason === 'in_past' || outcome.reason === 'too_long' ? CoverForm.end.block : CoverForm.who.block;
      await ack({ response_action: 'errors', errors: { [block]: coverRefusalText(outcome.reason, t) } });
      return;
    }
    await ack();
    s.afterDutyChange();
    await publishHome(s, client, userId);
  });

  router.action(ActionIds.dutyCoverDecline, async ({ ack, body, action, respond }) => {
    await ack();
    const userId = body.user.id;
    const { config, clock, db } = s.deps;
    const locale = await s.profiles.locale(userId);
    const t = translator(locale);
    const coverId = Number((action as { value?: string }).value);
    const outcome = Number.isSafeInteger(coverId)
      ? declineCover(db, { coverId, by: userId, now: clock.now() }, (c) => coverDeclinedDm(c, { locale: config.defaultLocale, timezone: config.timezone }))
      : ({ ok: false, reason: 'not_found' } as const);
    if (!outcome.ok) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: t('duty.cover.decline_refused') });
      return;
    }
    const c = outcome.cover;
    await respond({ replace_original: true, text: t('duty.cover.declined', { by: c.requestedBy, from: formatTime(c.startAt, locale, config.timezone), to: formatTime(c.endAt, locale, config.timezone) }) });
    s.afterDutyChange();
  });

  router.action(ActionIds.homeEditEnvironment, async ({ ack, body, client }) => {
    await ack();
    const userId = body.user.id;
    // Checked at the click: the roster may have changed since the tab was drawn.
    if (!s.roster.isAdmin(userId)) {
      s.deps.logger.warn({ slackUserId: userId }, 'environment settings refused: not an admin');
      return publishHome(s, client, userId);
    }
    const t = translator(await s.profiles.locale(userId));
    await client.views.open({ trigger_id: body.trigger_id, view: environmentModal(t, s.environment.get()) as never }).catch((error: Error) => {
      s.deps.logger.warn({ slackUserId: userId, err: error.message }, 'views.open failed for the environment settings');
    });
  });

  router.view(CallbackIds.environmentModal, async ({ ack, body, view, client }) => {
    const userId = body.user.id;
    const t = translator(await s.profiles.locale(userId));
    // Checked again at submission: an admin removed meanwhile (or a forged submission) changes nothing.
    if (!s.roster.isAdmin(userId)) {
      s.deps.logger.warn({ slackUserId: userId }, 'environment settings submission refused: not an admin');
      await ack({ response_action: 'errors', errors: { [EnvironmentForm.lockout]: t('admins.only') } });
      return;
    }
    const form = readEnvironmentForm((view.state?.values ?? {}) as never, t);
    if (!form.ok) {
      await ack({ response_action: 'errors', errors: form.errors });
      return;
    }
    s.environment.save(form.settings, userId, s.deps.clock.now());
    await ack();
    s.deps.logger.info({ slackUserId: userId }, 'environment settings saved');
    await publishHome(s, client, userId);
  });
}
