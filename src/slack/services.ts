import type { KnownAccount } from '../troubleshoot/account-facts.js';
import type { SlackWebClient } from './web-client.js';
import type { AppDeps } from '../deps.js';
import type { AccountActions } from '../account-actions/account-actions.js';
import type { AppMetrics } from '../metrics/metrics.js';
import type { SingleSignOn } from '../identity/oidc.js';
import type { SecretStore } from '../account-actions/secret-store.js';
import type { SelfService } from '../account-actions/self-service.js';
import { adminUsersUrl, loginUrl } from '../directory/base-url.js';
import type { DirectoryService } from '../directory/from-config.js';
import type { EnvironmentCheck } from '../directory/environment-check.js';
import type { WriteCapability } from '../directory/write-capability.js';
import type { DiagnoseThrottle } from '../diagnosis/diagnose-throttle.js';
import type { LifecycleContext } from '../reports/lifecycle-context.js';
import type { Roster } from '../roster/roster.js';
import type { Listening } from '../intake/listening.js';
import type { EnvironmentSettingsStore } from '../settings/environment-settings.js';
import { reportNotices } from './views/report-notices.js';
import type { OutboxWorker } from './outbox-worker.js';
import type { DutyGroup } from './duty-group.js';
import type { UserProfiles } from './user-profiles.js';

/** What the Slack listeners share: built once in createApp. */
export interface SlackServices {
  deps: AppDeps;
  client: SlackWebClient;
  profiles: UserProfiles;
  outbox: OutboxWorker;
  /** null when CYBOZU_BASE_URL is not set: everything that needs it says so and shows manual steps. */
  directory: DirectoryService | null;
  roster: Roster;
  /** The tenant's cybozu.com login settings (App Home → cybozu.com settings). */
  environment: EnvironmentSettingsStore;
  /** null without a directory: account actions become manual steps. */
  accountActions: AccountActions | null;
  /** null without SECRET_ENCRYPTION_KEY: reset and unlock are refused. */
  secrets: SecretStore | null;
  /** null without OIDC_*: identity comes from Slack e-mails and admins' confirmations only. */
  sso: SingleSignOn | null;
  /** Self-service fixes by the account's owner (issue 15); set right after the services are built. */
  selfService: SelfService | null;
  /** `diagnose`: runs per user per minute, and the environment check shared for a minute (null without a directory). */
  diagnoseThrottle: DiagnoseThrottle;
  environmentCheck: (() => Promise<EnvironmentCheck[]>) | null;
  /** What the directory says about the account behind a Slack e-mail, remembered for a minute; null without a directory. */
  accountFacts: ((email: string | null) => Promise<KnownAccount>) | null;
  /** Can the cybozu.com credentials change users? Shared for a minute; never throws (null without a directory). */
  writeCapability: (() => Promise<WriteCapability>) | null;
  /** The on-duty user group (DUTY_USERGROUP_HANDLE); null when not configured. */
  dutyGroup: DutyGroup | null;
  /** GET /metrics: what is counted where it happens (troubleshooter runs, outbound calls). */
  metrics: AppMetrics;
  /** Help channels where the app offers the troubleshooter (`listen on|off`, App Home). */
  listening: Listening;
  /** Duty changed (duty on/off, shifts, covers, away): hand queued reports to whoever is on duty now, update the group. */
  afterDutyChange(): void;
}

/** The context every report state change needs, as of now. */
export function lifecycleContext(s: Pick<SlackServices, 'deps' | 'environment'>): LifecycleContext {
  const { config, clock, db } = s.deps;
  return {
    now: clock.now(),
    timezone: config.timezone,
    escalationMinutes: config.escalationMinutes,
    supportChannelId: config.supportChannelId,
    adminAlertIntervalMs: config.limits.adminAlertIntervalMinutes * 60_000,
    quietClaimMs: config.duty.quietClaimHours * 3_600_000,
    quietReopenMs: config.duty.quietReopenHours * 3_600_000,
    notices: reportNotices({
      db,
      channelLocale: config.defaultLocale,
      timezone: config.timezone,
      escalationMinutes: config.escalationMinutes,
      adminAlertMinutes: config.limits.adminAlertIntervalMinutes,
      now: () => clock.now(),
      urls: adminUrls(config),
      settings: () => s.environment.get(),
    }),
  };
}

/** The admin screen and login page of this environment (or a description when the directory is not configured). */
export function adminUrls(config: SlackServices['deps']['config']): {
  directory: boolean;
  adminUrl: string;
  loginUrl: string;
} {
  if (!config.cybozu)
    return {
      directory: false,
      adminUrl: 'https://(subdomain).cybozu.com/admin/',
      loginUrl: 'https://(subdomain).cybozu.com/login',
    };
  const base = new URL(config.cybozu.baseUrl);
  return { directory: true, adminUrl: adminUsersUrl(base).href, loginUrl: loginUrl(base).href };
}
