import type { WebClient } from '@slack/web-api';
import { eq, sql } from 'drizzle-orm';
import { buildOnce, param, type Db, type Writer } from '../../db/client.js';
import { slackUsers, type SlackUserRow } from '../../db/schema.js';
import type { Clock } from '../clock.js';
import { localeFromSlack, type Locale } from '../i18n/index.js';
import type { Logger } from '../logger.js';

/** Older than this, a profile is re-read before it is used (a first-time or long-absent user). */
const FRESH_FOR_MS = 24 * 60 * 60_000;
/**
 * Older than this, a profile is re-read in the background after the answer (a user may have switched their
 * Slack language), and never more often: at most one users.info per user per this long, failures included.
 */
export const REFRESH_AFTER_MS = 5 * 60_000;
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

// A first-time user's every request reads and writes the cache: built once (see buildOnce).
const profileRow = buildOnce((w: Writer) =>
  w
    .select()
    .from(slackUsers)
    .where(eq(slackUsers.slackId, sql.placeholder('slackId')))
    .prepare(),
);
const storeProfile = buildOnce((w: Writer) =>
  w
    .insert(slackUsers)
    .values({
      slackId: sql.placeholder('slackId'),
      locale: sql.placeholder('locale'),
      email: sql.placeholder('email'),
      name: sql.placeholder('name'),
      timezone: sql.placeholder('timezone'),
      fetchedAt: sql.placeholder('fetchedAt'),
    })
    .onConflictDoUpdate({
      target: slackUsers.slackId,
      set: {
        locale: param('locale'),
        email: param('email'),
        name: param('name'),
        timezone: param('timezone'),
        fetchedAt: param('fetchedAt'),
      },
    })
    .prepare(),
);

/** What Slack knows about a user, cached in the database; a stale or missing entry is refreshed from users.info. */
export class UserProfiles {
  private readonly memory = new Map<string, SlackUserRow>();
  /** When users.info was last asked about each user (bounded like `memory`): the rate limit survives failures. */
  private readonly lastLookupAt = new Map<string, number>();
  /** Lookups under way: concurrent requests from one user share one users.info. */
  private readonly lookups = new Map<string, Promise<SlackUserRow | null>>();

  constructor(
    private readonly db: Db,
    private readonly client: WebClient,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly defaultLocale: Locale,
  ) {}

  async get(slackId: string): Promise<SlackProfile> {
    const cached = this.cached(slackId);
    if (cached && this.clock.now() - cached.fetchedAt < FRESH_FOR_MS) return this.toProfile(cached);
    // A stale answer (or the default language) is better than no answer to the user.
    const fresh = await this.lookup(slackId);
    if (fresh) return this.toProfile(fresh);
    return cached
      ? this.toProfile(cached)
      : { slackId, locale: this.defaultLocale, email: null, name: null, timezone: null };
  }

  async locale(slackId: string): Promise<Locale> {
    return (await this.get(slackId)).locale;
  }

  /**
   * Re-reads the profile when it is older than REFRESH_AFTER_MS, so a changed Slack language shows on the next
   * request. Call it after the ack (or where nobody waits on it). Never throws.
   */
  async refreshIfStale(slackId: string): Promise<void> {
    try {
      const cached = this.cached(slackId);
      if (cached && this.clock.now() - cached.fetchedAt < REFRESH_AFTER_MS) return;
      await this.lookup(slackId);
    } catch (error) {
      // Nobody waits on this answer: a refresh that cannot even read the cache is only worth a line in the log.
      this.logger.warn({ slackUserId: slackId, err: (error as Error).message }, 'Slack profile refresh failed');
    }
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
      const row = await this.fetch(slackId);
      bounded(this.lastLookupAt, slackId, this.clock.now());
      this.remember(row);
      storeProfile(this.db).run(row);
      return this.toProfile(row);
    } catch (error) {
      this.logger.warn({ slackUserId: slackId, err: (error as Error).message }, 'users.info failed; no fresh profile');
      return null;
    }
  }

  private cached(slackId: string): SlackUserRow | undefined {
    const row = this.memory.get(slackId) ?? profileRow(this.db).get({ slackId });
    if (row) this.remember(row);
    return row;
  }

  /** users.info, stored; null when it failed or was asked within REFRESH_AFTER_MS. */
  private lookup(slackId: string): Promise<SlackUserRow | null> {
    const running = this.lookups.get(slackId);
    if (running) return running;
    const now = this.clock.now();
    const last = this.lastLookupAt.get(slackId);
    if (last !== undefined && now - last < REFRESH_AFTER_MS) return Promise.resolve(null);
    bounded(this.lastLookupAt, slackId, now);
    const lookup = this.fetch(slackId)
      .then((fresh) => {
        this.remember(fresh);
        try {
          storeProfile(this.db).run(fresh);
        } catch (error) {
          // The answer is still right for this request; the table catches up at the next lookup.
          this.logger.warn(
            { slackUserId: slackId, err: (error as Error).message },
            'Slack profile could not be stored',
          );
        }
        return fresh;
      })
      .catch((error: Error) => {
        this.logger.warn(
          { slackUserId: slackId, err: error.message },
          'users.info failed; using cached or default profile',
        );
        return null;
      })
      .finally(() => this.lookups.delete(slackId));
    this.lookups.set(slackId, lookup);
    return lookup;
  }

  /** Drops in-memory profiles fetched before `cutoff` (the retention sweep has erased them from the table). */
  forgetFetchedBefore(cutoff: number): void {
    for (const [slackId, row] of this.memory) if (row.fetchedAt < cutoff) this.memory.delete(slackId);
  }

  private remember(row: SlackUserRow): void {
    bounded(this.memory, row.slackId, row);
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

/** Sets `key`, evicting the oldest entry once the map holds MEMORY_ENTRIES. */
function bounded<V>(map: Map<string, V>, key: string, value: V): void {
  if (map.size >= MEMORY_ENTRIES && !map.has(key)) map.delete(map.keys().next().value as string);
  map.set(key, value);
}
