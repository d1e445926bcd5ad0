import {
  type WebClient,
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebAPIRequestError,
} from '@slack/web-api';
import type { OutboxRow } from '../../db/schema.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { OutboxLink, OutboxPayload, OutboxStore } from '../outbox/outbox.js';

/** Slack error codes that mean "try again later"; every other platform error is permanent. */
const TRANSIENT_PLATFORM_ERRORS = new Set([
  'ratelimited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
]);
const MAX_BACKOFF_MS = 5 * 60_000;

export type DeliveryVerdict = { kind: 'retry'; error: string; afterMs: number } | { kind: 'permanent'; error: string };

/** How a failed Web API call is treated: rate limits wait Retry-After, outages back off, the rest is permanent. */
export function classifyDeliveryError(error: unknown, attempts: number): DeliveryVerdict {
  const backoff = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(attempts, 16));
  if (error instanceof WebAPIRateLimitedError)
    return { kind: 'retry', error: 'ratelimited', afterMs: Math.max(1, error.retryAfter) * 1000 };
  if (error instanceof WebAPIPlatformError) {
    const code = error.data.error;
    return TRANSIENT_PLATFORM_ERRORS.has(code)
      ? { kind: 'retry', error: code, afterMs: backoff }
      : { kind: 'permanent', error: code };
  }
  if (error instanceof WebAPIHTTPError) {
    const transient = error.statusCode >= 500 || error.statusCode === 408 || error.statusCode === 429;
    return transient
      ? { kind: 'retry', error: `http_${error.statusCode}`, afterMs: backoff }
      : { kind: 'permanent', error: `http_${error.statusCode}` };
  }
  if (error instanceof WebAPIRequestError)
    return { kind: 'retry', error: `network: ${error.original.message}`, afterMs: backoff };
  return { kind: 'retry', error: error instanceof Error ? error.message : String(error), afterMs: backoff };
}

/**
 * Delivers outbox rows one at a time. Slack has no idempotency key, so a message is marked sent right
 * after Slack answers, synchronously: only a crash inside that instant can repeat it, and only that one.
 */
export class OutboxWorker {
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly dmChannels = new Map<string, string>();

  constructor(
    private readonly store: OutboxStore,
    private readonly client: WebClient,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly pollIntervalMs = 1000,
    /** Told about every permanent failure (the app DMs the admins, unless the failure was such a DM itself). */
    private readonly onPermanentFailure: (row: OutboxRow, error: string) => void = () => {},
  ) {}

  /** Polls for due messages (retries whose time has come) until stop(). */
  start(): void {
    this.stopped = false;
    const tick = () => {
      if (this.stopped) return;
      this.kick();
      this.timer = setTimeout(tick, this.pollIntervalMs);
      this.timer.unref();
    };
    tick();
  }

  /** Something was just committed: deliver it now rather than at the next poll. */
  kick(): void {
    void this.drain().catch((error: unknown) => this.logger.error({ err: error }, 'outbox drain failed'));
  }

  /** Delivers everything due now; resolves when nothing due is left. Calls made meanwhile join the same run. */
  drain(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    const run = async () => {
      do {
        this.again = false;
        for (let row = await this.nextDue(); row && !this.stopped; row = await this.nextDue()) {
          await this.deliver(row);
        }
      } while (this.again && !this.stopped);
    };
    // Cleared in a separate step: a run with nothing to do finishes synchronously, before `running` is assigned.
    const current = run().finally(() => {
      if (this.running === current) this.running = null;
    });
    this.running = current;
    return this.running;
  }

  /**
   * Acks come first: Slack gives a request 3 seconds, a message in the outbox has no deadline. Waiting for the
   * event loop's next turn lets every request that arrived meanwhile be handled before the next delivery starts.
   */
  private async nextDue(): Promise<OutboxRow | undefined> {
    await new Promise((resolve) => setImmediate(resolve));
    return this.stopped ? undefined : this.store.nextDue(this.clock.now());
  }

  /** Stops polling and waits for the message in flight, so nothing is half-recorded at shutdown. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => {});
  }

  private async deliver(row: OutboxRow): Promise<void> {
    let sent: { channel: string; ts: string };
    try {
      sent = await this.send(row);
    } catch (error) {
      const verdict = classifyDeliveryError(error, row.attempts);
      const context = {
        outboxId: row.id,
        kind: row.kind,
        reportId: row.reportId,
        attempts: row.attempts + 1,
        error: verdict.error,
      };
      if (verdict.kind === 'retry') {
        this.store.markRetry(row, verdict.error, this.clock.now() + verdict.afterMs);
        this.logger.warn({ ...context, retryInMs: verdict.afterMs }, 'slack message delayed; will retry');
      } else {
        const failed = this.store.markFailed(row, verdict.error);
        this.logger.error({ ...context, alsoFailed: failed.slice(1) }, 'slack message failed permanently');
        this.onPermanentFailure(row, verdict.error);
      }
      return;
    }
    this.store.markSent(row, sent, this.clock.now());
  }

  /** A user's DM with the app never changes: opened once, then remembered (a cap keeps the map small). */
  private async dmChannel(userId: string): Promise<string> {
    const known = this.dmChannels.get(userId);
    if (known) return known;
    const opened = await this.client.conversations.open({ users: userId });
    const channel = String(opened.channel?.id);
    if (this.dmChannels.size >= 10_000) this.dmChannels.clear();
    this.dmChannels.set(userId, channel);
    return channel;
  }

  /** `<permalink|label>` for a message already sent; the bare label for one not sent (yet) or gone. */
  private async linkTo(link: OutboxLink): Promise<string> {
    const target = this.store.get(link.of);
    if (target?.state !== 'sent' || !target.sentChannel || !target.sentTs) return link.label;
    try {
      const found = await this.client.chat.getPermalink({ channel: target.sentChannel, message_ts: target.sentTs });
      return `<${String(found.permalink)}|${link.label}>`;
    } catch (error) {
      // A message Slack no longer has (deleted) is listed without its link; anything else retries the delivery.
      if (error instanceof WebAPIPlatformError && !TRANSIENT_PLATFORM_ERRORS.has(error.data.error)) return link.label;
      throw error;
    }
  }

  private async send(row: OutboxRow): Promise<{ channel: string; ts: string }> {
    const payload = JSON.parse(row.payload) as OutboxPayload;
    const dependency = row.dependsOn === null ? undefined : this.store.get(row.dependsOn);
    let message = { text: payload.text, blocks: payload.blocks };
    if (payload.permalink && dependency?.sentChannel && dependency.sentTs) {
      const link = await this.client.chat.getPermalink({
        channel: dependency.sentChannel,
        message_ts: dependency.sentTs,
      });
      message = substitute(message, '{permalink}', String(link.permalink));
    }
    for (const link of payload.links ?? []) message = substitute(message, link.token, await this.linkTo(link));
    const content = { text: message.text, ...(message.blocks ? { blocks: message.blocks as never } : {}) };

    if (row.kind === 'update') {
      if (!dependency?.sentChannel || !dependency.sentTs) throw new Error('update without a sent message');
      const result = await this.client.chat.update({
        channel: dependency.sentChannel,
        ts: dependency.sentTs,
        ...content,
      });
      return { channel: String(result.channel), ts: String(result.ts) };
    }
    let channel = row.target ?? '';
    if (row.kind === 'dm') channel = await this.dmChannel(channel);
    const threadTs = payload.inThread ? (dependency?.sentTs ?? undefined) : payload.threadTs;
    const result = await this.client.chat.postMessage({
      channel: payload.inThread && dependency?.sentChannel ? dependency.sentChannel : channel,
      ...(threadTs ? { thread_ts: threadTs } : {}),
      ...content,
      unfurl_links: false,
      unfurl_media: false,
    });
    return { channel: String(result.channel), ts: String(result.ts) };
  }
}

/** Replaces a token everywhere in the message, blocks included (they are plain JSON). */
function substitute<T>(value: T, token: string, replacement: string): T {
  return JSON.parse(JSON.stringify(value).split(token).join(JSON.stringify(replacement).slice(1, -1))) as T;
}
