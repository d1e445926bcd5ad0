import type { WebClient } from '@slack/web-api';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { slackUsers, type SlackUserRow } from '../../db/schema.js';
import type { Clock } from '../clock.js';
import { localeFromSlack, type Locale } from '../i18n/index.js';
import type { Logger } from '../logger.js';

const FRESH_FOR_MS = 24 * 60 * 60_000;
/** Profiles kept in memory in front of the table: the locale is read on every request. */
const MEMORY_ENTRIES = 10_000;
/** users.info sits before an ack: never let it eat Slack's 3-second budget. */
const LOOKUP_TIMEOUT_MS = 1200;

export interface SlackProfile {
  slackId: string;
  locale: Locale;
  email: string | null;
  name: string | null;
  timezone: string | null;
}

/** What Slack knows about a user, cached in the database; a stale or missing entry is refreshed from users.info. */
export class UserProfiles {
  private readonly memory = new Map<string, SlackUserRow>();

  constructor(
    private readonly db: Db,
    private readonly client: WebClient,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly defaultLocale: Locale,
  ) {}

  async get(slackId: string): Promise<SlackProfile> {
    const cached = this.memory.get(slackId) ?? this.db.select().from(slackUsers).where(eq(slackUsers.slackId, slackId)).get();
    if (cached && this.clock.now() - cached.fetchedAt < FRESH_FOR_MS) {
      this.remember(cached);
      return this.toProfile(cached);
    }
    try {
      const fresh = await this.fetch(slackId);
      this.db
        .insert(slackUsers)
        .values(fresh)
        .onConflictDoUpdate({ target: slackUsers.slackId, set: fresh })
        .run();
      this.remember(fresh);
      return this.toProfile(fresh);
    } catch (error) {
      // A stale answer (or the default language) is better than no answer to the user.
      this.logger.warn({ slackUserId: slackId, err: (error as Error).message }, 'users.info failed; using cached or default profile');
      return cached ? this.toProfile(cached) : { slackId, locale: this.defaultLocale, email: null, name: null, timezone: null };
    }
  }

  async locale(slackId: string): Promise<Locale> {
    return (await this.get(slackId)).locale;
  }

  /**
   * The profile as Slack has it now (fetched at most `maxAgeMs` ago), or null when Slack cannot be asked: for
   * decisions that must not rest on a stale or default answer (the e-mail a single sign-on is compared with).
   */
  async fresh(slackId: string, maxAgeMs: number): Promise<SlackProfile | null> {
    const cached = this.memory.get(slackId);
    const age = cached ? this.clock.now() - cached.fetchedAt : Infinity;
    if (cached && age >= 0 && age <= maxAgeMs) return this.toProfile(cached);
    try {
      return this.toProfile(this.store(await this.fetch(slackId)));
    } catch (error) {
      this.logger.warn({ slackUserId: slackId, err: (error as Error).message }, 'users.info failed; no fresh profile');
      return null;
    }
  }

  private store(row: SlackUserRow): SlackUserRow {
    this.db.insert(slackUsers).values(row).onConflictDoUpdate({ target: slackUsers.slackId, set: row }).run();
    this.remember(row);
    return row;
  }

  private remember(row: SlackUserRow): void {
    if (this.memory.size >= MEMORY_ENTRIES && !this.memory.has(row.slackId)) {
      this.memory.delete(this.memory.keys().next().value as string);
    }
    this.memory.set(row.slackId, row);
  }

  private async fetch(slackId: string): Promise<SlackUserRow> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('users.info timed out')), LOOKUP_TIMEOUT_MS);
    });
    try {
      const result = await Promise.race([this.client.users.info({ user: slackId, include_locale: true }), timeout]);
      const user = result.user;
      return {
        slackId,
        locale: user?.locale ?? null,
        email: user?.profile?.email ?? null,
        name: user?.real_name ?? user?.profile?.real_name ?? user?.name ?? null,
        timezone: user?.tz ?? null,
        fetchedAt: this.clock.now(),
      };
    } finally {
      clearTimeout(timer);
    }
  }

  private toProfile(row: SlackUserRow): SlackProfile {
    return {
      slackId: row.slackId,
      locale: localeFromSlack(row.locale, this.defaultLocale),
      email: row.email,
      name: row.name,
      timezone: row.timezone,
    };
  }
}
