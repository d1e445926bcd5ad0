import type { WebClient } from '@slack/web-api';
import type { AppDeps } from '../deps.js';
import type { DirectoryService } from '../directory/from-config.js';
import type { LifecycleContext } from '../reports/lifecycle.js';
import type { Roster } from '../roster/roster.js';
import { reportNotices } from './views/report-notices.js';
import type { OutboxWorker } from './outbox-worker.js';
import type { UserProfiles } from './user-profiles.js';

/** What the Slack listeners share: built once in createApp. */
export interface SlackServices {
  deps: AppDeps;
  client: WebClient;
  profiles: UserProfiles;
  outbox: OutboxWorker;
  /** null when CYBOZU_BASE_URL is not set: everything that needs it says so and shows manual steps. */
  directory: DirectoryService | null;
  roster: Roster;
  /** Duty changed (duty on, shifts edited): hand queued reports to whoever is on duty now. */
  afterDutyChange(): void;
}

/** The context every report state change needs, as of now. */
export function lifecycleContext(s: SlackServices): LifecycleContext {
  const { config, clock, db } = s.deps;
  return {
    now: clock.now(),
    timezone: config.timezone,
    escalationMinutes: config.escalationMinutes,
    supportChannelId: config.supportChannelId,
    notices: reportNotices({ db, channelLocale: config.defaultLocale, timezone: config.timezone, escalationMinutes: config.escalationMinutes, now: () => clock.now() }),
  };
}
