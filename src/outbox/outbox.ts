import { and, asc, count, eq, exists, inArray, isNull, lt, lte, min, notExists, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { buildOnce, param, type Db, type Writer } from '../../db/client.js';
import { outbox, reports, type OutboxRow } from '../../db/schema.js';

/** A Slack message as plain data (Block Kit blocks are plain objects): the outbox stores it as JSON. */
export interface OutgoingMessage {
  text: string;
  blocks?: unknown[];
}

export interface OutboxPayload extends OutgoingMessage {
  /** Post as a reply in the thread of the message this one depends on. */
  inThread?: boolean;
  /** Replace `{permalink}` in text/blocks with the link to the message this one depends on. */
  permalink?: boolean;
  /** Links to other messages (a DM listing several reports' threads): see {@link OutboxLink}. */
  links?: OutboxLink[];
  /** Reply in the thread of a message the outbox did not send (someone's message in a help channel). */
  threadTs?: string;
}

/**
 * `token` in text/blocks becomes `<permalink|label>` for the message in outbox row `of` once that has been sent,
 * or just `label` while it has not (or never will be): a list of links is not held back by one missing message.
 */
export interface OutboxLink {
  token: string;
  of: number;
  label: string;
}

interface Common {
  message: OutgoingMessage;
  reportId?: number;
  now: number;
}

/** These enqueue functions run inside the caller's transaction, so the message exists iff the change does. */
export function enqueuePost(
  w: Writer,
  p: Common & { channel: string; role?: 'root'; links?: OutboxLink[]; threadTs?: string },
): number {
  const payload: OutboxPayload = {
    ...p.message,
    ...(p.links && p.links.length > 0 ? { links: p.links } : {}),
    ...(p.threadTs ? { threadTs: p.threadTs } : {}),
  };
  return insert(w, { kind: 'post', target: p.channel, orderingKey: `channel:${p.channel}`, ...p, payload });
}

export function enqueueThreadReply(w: Writer, p: Common & { parentId: number; channel: string }): number {
  return insert(w, {
    kind: 'post',
    target: p.channel,
    payload: { ...p.message, inThread: true },
    dependsOn: p.parentId,
    orderingKey: `channel:${p.channel}`,
    ...p,
  });
}

export function enqueueDm(
  w: Writer,
  p: Common & { userId: string; linkTo?: number; links?: OutboxLink[]; role?: 'alert' },
): number {
  return insert(w, {
    kind: 'dm',
    target: p.userId,
    payload: {
      ...p.message,
      permalink: p.linkTo !== undefined,
      ...(p.links && p.links.length > 0 ? { links: p.links } : {}),
    },
    dependsOn: p.linkTo,
    orderingKey: `dm:${p.userId}`,
    ...p,
  });
}

/** Rewrites a message already posted (the report's root message keeps showing the current state). */
export function enqueueUpdate(w: Writer, p: Common & { of: number; channel: string }): number {
  return insert(w, {
    kind: 'update',
    target: null,
    payload: p.message,
    dependsOn: p.of,
    orderingKey: `channel:${p.channel}`,
    ...p,
  });
}

const insertRow = buildOnce((w: Writer) =>
  w
    .insert(outbox)
    .values({
      kind: sql.placeholder('kind'),
      target: sql.placeholder('target'),
      payload: sql.placeholder('payload'),
      dependsOn: sql.placeholder('dependsOn'),
      reportId: sql.placeholder('reportId'),
      role: sql.placeholder('role'),
      orderingKey: sql.placeholder('orderingKey'),
      nextAttemptAt: sql.placeholder('now'),
      createdAt: sql.placeholder('now'),
    })
    .returning({ id: outbox.id })
    .prepare(),
);

function insert(
  w: Writer,
  row: {
    kind: OutboxRow['kind'];
    target: string | null;
    payload: OutboxPayload;
    dependsOn?: number;
    orderingKey: string;
    reportId?: number;
    role?: string;
    now: number;
  },
): number {
  return insertRow(w).get({
    kind: row.kind,
    target: row.target,
    payload: JSON.stringify(row.payload),
    dependsOn: row.dependsOn ?? null,
    reportId: row.reportId ?? null,
    role: row.role ?? null,
    orderingKey: row.orderingKey,
    now: row.now,
  })!.id;
}

/**
 * The repository the worker uses. All reads and writes are short synchronous statements. The ones run for every
 * delivery are built once (drizzle otherwise rebuilds the SQL of each call: a third of a delivery's CPU).
 */
export class OutboxStore {
  private readonly due;
  private readonly byId;
  private readonly sent;
  private readonly rootPlace;

  constructor(private readonly db: Db) {
    const earlier = alias(outbox, 'earlier');
    const dependency = alias(outbox, 'dependency');
    // The oldest message that is due, whose dependency has been sent, and that has no earlier undelivered
    // message with the same ordering key (so a thread never shows replies out of order).
    this.due = db
      .select()
      .from(outbox)
      .where(
        and(
          eq(outbox.state, 'pending'),
          lte(outbox.nextAttemptAt, sql.placeholder('now')),
          notExists(
            db
              .select({ one: sql`1` })
              .from(earlier)
              .where(
                and(
                  eq(earlier.orderingKey, outbox.orderingKey),
                  eq(earlier.state, 'pending'),
                  lt(earlier.id, outbox.id),
                ),
              ),
          ),
          or(
            isNull(outbox.dependsOn),
            exists(
              db
                .select({ one: sql`1` })
                .from(dependency)
                .where(and(eq(dependency.id, outbox.dependsOn), eq(dependency.state, 'sent'))),
            ),
          ),
        ),
      )
      .orderBy(asc(outbox.id))
      .limit(1)
      .prepare();
    this.byId = db
      .select()
      .from(outbox)
      .where(eq(outbox.id, sql.placeholder('id')))
      .prepare();
    this.sent = db
      .update(outbox)
      .set({
        state: 'sent',
        sentChannel: param('channel'),
        sentTs: param('ts'),
        sentAt: param('now'),
        attempts: param('attempts'),
        lastError: null,
      })
      .where(eq(outbox.id, sql.placeholder('id')))
      .prepare();
    this.rootPlace = db
      .update(reports)
      .set({ rootChannel: param('channel'), rootTs: param('ts') })
      .where(eq(reports.id, sql.placeholder('reportId')))
      .prepare();
  }

  nextDue(now: number): OutboxRow | undefined {
    return this.due.get({ now });
  }

  get(id: number): OutboxRow | undefined {
    return this.byId.get({ id });
  }

  /** Recorded right after Slack answered; a root message's place is copied to its report in the same transaction. */
  markSent(row: OutboxRow, sent: { channel: string; ts: string }, now: number): void {
    this.db.transaction(() => {
      this.sent.run({ id: row.id, channel: sent.channel, ts: sent.ts, now, attempts: row.attempts + 1 });
      if (row.role === 'root' && row.reportId !== null)
        this.rootPlace.run({ reportId: row.reportId, channel: sent.channel, ts: sent.ts });
    });
  }

  markRetry(row: OutboxRow, error: string, nextAttemptAt: number): void {
    this.db
      .update(outbox)
      .set({ attempts: row.attempts + 1, lastError: error, nextAttemptAt })
      .where(eq(outbox.id, row.id))
      .run();
  }

  /** A permanent failure also fails every message waiting for this one: they can never be delivered. */
  markFailed(row: OutboxRow, error: string): number[] {
    const failed: number[] = [];
    this.db.transaction((tx) => {
      let frontier = [row.id];
      tx.update(outbox)
        .set({ state: 'failed', attempts: row.attempts + 1, lastError: error })
        .where(eq(outbox.id, row.id))
        .run();
      failed.push(row.id);
      while (frontier.length > 0) {
        const dependents = tx
          .select({ id: outbox.id })
          .from(outbox)
          .where(and(inArray(outbox.dependsOn, frontier), eq(outbox.state, 'pending')))
          .all()
          .map((r) => r.id);
        if (dependents.length === 0) break;
        tx.update(outbox)
          .set({ state: 'failed', lastError: `dependency_failed:${row.id}` })
          .where(inArray(outbox.id, dependents))
          .run();
        failed.push(...dependents);
        frontier = dependents;
      }
    });
    return failed;
  }

  /** Backlog figures for /healthz and the logs. */
  stats(now: number): { pending: number; failed: number; oldestPendingAgeSeconds: number | null } {
    const pending = this.db
      .select({ n: count(), oldest: min(outbox.createdAt) })
      .from(outbox)
      .where(eq(outbox.state, 'pending'))
      .get();
    const failed = this.db.select({ n: count() }).from(outbox).where(eq(outbox.state, 'failed')).get();
    const oldest = pending?.oldest ?? null;
    return {
      pending: pending?.n ?? 0,
      failed: failed?.n ?? 0,
      oldestPendingAgeSeconds: oldest === null ? null : Math.max(0, Math.round((now - oldest) / 1000)),
    };
  }

  recentFailures(limit = 5): { id: number; error: string | null; kind: string; reportId: number | null }[] {
    return this.db
      .select({ id: outbox.id, error: outbox.lastError, kind: outbox.kind, reportId: outbox.reportId })
      .from(outbox)
      .where(eq(outbox.state, 'failed'))
      .orderBy(sql`${outbox.id} desc`)
      .limit(limit)
      .all();
  }
}
