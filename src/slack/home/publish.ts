import type { WebClient } from '@slack/web-api';
import { latestReportsOf } from '../../reports/latest-of-reporter.js';
import { catalogues, translator, type MessageKey, type Translate } from '../../i18n/index.js';
import { fixStats } from '../../reports/fix-stats.js';
import { latestFailedActions, queuedReports, unresolvedAssignedTo, type FailedAction } from '../../reports/queries.js';
import { ratingSummary } from '../../reports/ratings.js';
import { liveCovers } from '../../roster/covers.js';
import { toDuty } from '../../roster/roster.js';
import { isOnDuty } from '../../routing/duty.js';
import type { EnvironmentSettings } from '../../settings/environment-settings.js';
import { COMMAND } from '../ids.js';
import type { SlackServices } from '../services.js';
import { dutyGroupText } from '../views/duty-group.js';
import { fixStatsLines } from '../views/fix-stats.js';
import { homeView } from '../views/home.js';
import { ratingLines } from '../views/intake.js';
import { writeCapabilityText } from '../views/write-capability.js';

/** App Home shows admins the fixes and ratings of the last 30 days, like `stats`. */
const THIRTY_DAYS_MS = 30 * 24 * 60 * 60_000;

/** Builds and publishes a user's App Home from the database as it is now. */
export async function publishHome(s: SlackServices, client: WebClient, userId: string, notice?: string): Promise<void> {
  const { db, clock, config } = s.deps;
  const profile = await s.profiles.get(userId);
  const t = translator(profile.locale);
  const myReports = latestReportsOf(db, userId);
  const admin = s.roster.get(userId);
  const writes = admin && s.writeCapability ? await s.writeCapability() : null;
  const login = s.directory?.authAccount?.kind === 'password' ? s.directory.authAccount.login : null;
  const mine = admin ? unresolvedAssignedTo(db, userId) : [];
  const queued = admin ? queuedReports(db) : [];
  const failures = admin
    ? latestFailedActions(
        db,
        [...mine, ...queued].map((r) => r.id),
      )
    : new Map<number, FailedAction>();
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
            ...(writes
              ? {
                  writeCapability: writeCapabilityText(writes, {
                    t,
                    locale: profile.locale,
                    timezone: config.timezone,
                    login,
                  }),
                }
              : {}),
            suggestLoginMessage: !s.environment.get().loginFailureMessage.includes(COMMAND),
            selfService: selfServiceStatus(s.environment.get(), t),
            fixes: fixStatsLines(fixStats(db, clock.now() - THIRTY_DAYS_MS), t, profile.locale),
            ...(s.dutyGroup ? { dutyGroup: dutyGroupText(s.dutyGroup.status(), t) } : {}),
            listening: s.listening.channels(),
            ratings: ratingLines(ratingSummary(db, clock.now() - THIRTY_DAYS_MS), {
              t,
              locale: profile.locale,
              timezone: config.timezone,
            }),
          },
        }
      : {}),
  });
  await client.views.publish({ user_id: userId, view: view as never }).catch((error: Error) => {
    s.deps.logger.warn({ slackUserId: userId, err: error.message }, 'views.publish failed for App Home');
  });
}

/**
 * The admin check of App Home's admin buttons, at the click: the roster may have changed since the tab was drawn.
 * Someone no longer an admin gets the tab redrawn (without the admin part) instead of an answer.
 */
export async function stillAdmin(
  s: SlackServices,
  client: WebClient,
  userId: string,
  refusalLog?: string,
): Promise<boolean> {
  if (s.roster.isAdmin(userId)) return true;
  if (refusalLog) s.deps.logger.warn({ slackUserId: userId }, refusalLog);
  await publishHome(s, client, userId);
  return false;
}

/** "Self-service is on for …" or off, as App Home shows it to admins. */
function selfServiceStatus(settings: EnvironmentSettings, t: Translate): { text: string; on: boolean } {
  const { selfService } = settings;
  const remedies = [
    ...(selfService.resetPassword ? [t('remedy.reset_password')] : []),
    ...(selfService.unlock ? [t('remedy.unlock')] : []),
  ];
  if (remedies.length === 0) return { text: t('home.admin.self_service.off'), on: false };
  return {
    text: t('home.admin.self_service.on', {
      remedies: remedies.join(', '),
      hours: selfService.cooldownHours,
      minutes: selfService.signInFreshnessMinutes,
    }),
    on: true,
  };
}

/** One line under a report whose latest account action failed: what failed and why (no free licence, …). */
function failedActionNote(failure: FailedAction, t: Translate): string {
  const reason =
    failure.errorKind === 'no_licence'
      ? 'home.admin.reason.no_licence'
      : `diag.error.${failure.errorKind ?? 'unexpected'}`;
  const known = (reason in catalogues.ja ? reason : 'diag.error.unexpected') as MessageKey;
  return t('home.admin.action_failed', {
    kind: t(`action.kind.${failure.kind}` as MessageKey),
    reason: t(known, { seconds: '' }),
  });
}
