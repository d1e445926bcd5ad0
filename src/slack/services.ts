import type { WebClient } from '@slack/web-api';
import type { AppDeps } from '../deps.js';
import type { OutboxWorker } from './outbox-worker.js';
import type { UserProfiles } from './user-profiles.js';

/** What the Slack listeners share: built once in createApp. */
export interface SlackServices {
  deps: AppDeps;
  client: WebClient;
  profiles: UserProfiles;
  outbox: OutboxWorker;
}
