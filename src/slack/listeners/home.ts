import type { WebClient } from '@slack/web-api';
import { translator } from '../../i18n/index.js';
import { queuedReports, reportsOfReporter, unresolvedAssignedTo } from '../../reports/queries.js';
import { toDuty } from '../../roster/roster.js';
import { isOnDuty } from '../../routing/duty.js';
import { parseShiftList } from '../../routing/shifts.js';
import { ActionIds, CallbackIds, COMMAND } from '../ids.js';
import { environmentModal, EnvironmentForm, readEnvironmentForm } from '../views/environment-modal.js';
import type { SlackRouter } from '../router.js';
import type { SlackServices } from '../services.js';
import { homeView, shiftsModal } from '../views/home.js';
import { writeCapabilityText } from '../views/write-capability.js';
import { openTroubleshooter } from './troubleshoot.js';
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
  const view = homeView({
    t,
    locale: profile.locale,
    timezone: config.timezone,
    myReports,
    ...(notice ? { notice } : {}),
    ...(admin
      ? {
          admin: {
            onDuty: isOnDuty(toDuty(admin), clock.now(), config.timezone),
            shifts: toDuty(admin).shifts,
            mine: unresolvedAssignedTo(db, userId),
            queued: queuedReports(db),
            ...(writes ? { writeCapability: writeCapabilityText(writes, { t, locale: profile.locale, timezone: config.timezone, login }) } : {}),
            suggestLoginMessage: !s.environment.get().loginFailureMessage.includes(COMMAND),
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

export function registerHome(router: SlackRouter, s: SlackServices): void {
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
