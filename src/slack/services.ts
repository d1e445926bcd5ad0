import type { WebClient } from '@slack/web-api';
import type { AppDeps } from '../deps.js';
import type { DirectoryService } from '../directory/from-config.js';
import type { Roster } from '../roster/roster.js';
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
}
