import type { AccountActions } from './account-actions/account-actions.js';
import { purgeConfirmations } from './account-actions/confirmations.js';
import type { SecretStore } from './account-actions/secret-store.js';
import type { AppDeps } from './deps.js';
import type { DirectoryService } from './directory/from-config.js';
import type { WriteWatchedDirectory } from './directory/write-watch.js';
import type { HealthState } from './health.js';
import type { SingleSignOn } from './identity/oidc.js';
import { postDailyIfDue } from './reports/daily-post.js';
import type { Retention } from './reports/retention.js';
import type { ScheduledBackups } from './scheduled-backups.js';
import type { DutyGroup } from './slack/duty-group.js';
import type { OutboxWorker } from './slack/outbox-worker.js';
import { dailyPostMessage } from './slack/views/daily-post.js';

/** How often /healthz's directory reachability is refreshed (a read of one login name). */
const DIRECTORY_PROBE_MS = 60_000;

/** What the scheduler's chores touch; the optional ones are null when not configured. */
export interface HousekeepingParts {
  deps: AppDeps;
  health: HealthState;
  outbox: OutboxWorker;
  retention: Retention;
  secrets: SecretStore | null;
  accountActions: AccountActions | null;
  dutyGroup: DutyGroup | null;
  backups: ScheduledBackups | null;
  sso: SingleSignOn | null;
  directory: WriteWatchedDirectory | null;
}

/**
 * The chores of every scheduler pass besides due timers: erase expired secrets, expire approvals, purge old
 * confirmations, queue the daily duty post, keep the duty user group, back up, erase what retention allows, and
 * refresh /healthz's view of the directory. Each is cheap when there is nothing to do.
 */
export function housekeeping(p: HousekeepingParts): () => void {
  const { deps, health, outbox } = p;
  const { config, logger } = deps;
  let lastDirectoryProbe = 0;
  return () => {
    const now = deps.clock.now();
    health.lastSchedulerPassAt = now;
    const erased = p.secrets?.sweep(now) ?? 0;
    if (erased > 0) logger.info({ erased }, 'expired sealed secrets erased');
    const expired = p.accountActions?.expireApprovals() ?? [];
    if (expired.length > 0) {
      logger.info({ actionIds: expired.map((a) => a.id) }, 'approval requests expired');
      outbox.kick();
    }
    purgeConfirmations(deps.db, now);
    try {
      const posted = postDailyIfDue(deps.db, {
        now,
        timezone: config.timezone,
        at: config.duty.dailyPostAt,
        supportChannelId: config.supportChannelId,
        message: (summary) => dailyPostMessage(summary, { locale: config.defaultLocale, timezone: config.timezone }),
      });
      if (posted) {
        logger.info('daily duty post queued');
        outbox.kick();
      }
    } catch (error) {
      logger.error({ err: (error as Error).message }, 'daily duty post failed; will retry');
    }
    p.dutyGroup?.kick();
    p.backups?.tick();
    p.sso?.purgeRequests();
    const swept = p.retention.maybeSweep(now);
    if (swept && swept.reports + swept.walks + swept.profiles + swept.identities + swept.auditRows > 0) {
      logger.info({ component: 'retention', ...swept }, 'personal data past RETENTION_DAYS erased');
    }
    const directory = p.directory;
    if (directory && now - lastDirectoryProbe >= DIRECTORY_PROBE_MS) {
      lastDirectoryProbe = now;
      void probeDirectory(directory).then((result) => (health.directory = { ...result, checkedAt: deps.clock.now() }));
      void directory.writeCapability().then((writes) => (health.directoryWrites = writes));
    }
  };
}

async function probeDirectory(directory: DirectoryService): Promise<{ reachable: boolean; problem?: string }> {
  try {
    await directory.findByLoginName('kintone-login-health-probe');
    return { reachable: true };
  } catch (error) {
    return { reachable: false, problem: (error as { kind?: string }).kind ?? 'unexpected' };
  }
}
