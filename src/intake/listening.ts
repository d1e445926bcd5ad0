import { and, eq, isNull } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Db } from '../../db/client.js';
import { listenChannels, listenReplies, type ListenReply } from '../../db/schema.js';
import { audit } from '../reports/audit.js';
import { enqueuePost, type OutgoingMessage } from '../outbox/outbox.js';

/** The day a moment falls on in the team's time zone: "at most once per person per day" counts these. */
export function dayIn(now: number, timeZone: string): string {
  return DateTime.fromMillis(now, { zone: timeZone }).toISODate() ?? new Date(now).toISOString().slice(0, 10);
}

/** Help channels where the app offers the troubleshooter, and the offers it made (once per person per day). */
export class Listening {
  constructor(
    private readonly db: Db,
    private readonly timeZone: string,
  ) {}

  isOn(channelId: string): boolean {
    return (
      this.db
        .select({ id: listenChannels.channelId })
        .from(listenChannels)
        .where(eq(listenChannels.channelId, channelId))
        .get() !== undefined
    );
  }

  channels(): string[] {
    return this.db
      .select({ id: listenChannels.channelId })
      .from(listenChannels)
      .orderBy(listenChannels.enabledAt)
      .all()
      .map((r) => r.id);
  }

  /** Switches a channel on or off (audited); false when it already was. */
  set(channelId: string, on: boolean, by: string, now: number): boolean {
    return this.db.transaction((tx) => {
      const changed = on
        ? tx.insert(listenChannels).values({ channelId, enabledBy: by, enabledAt: now }).onConflictDoNothing().run()
            .changes > 0
        : tx.delete(listenChannels).where(eq(listenChannels.channelId, channelId)).run().changes > 0;
      if (changed) audit(tx, { type: on ? 'listen.on' : 'listen.off', actorSlackId: by, data: { channelId }, now });
      return changed;
    });
  }

  /**
   * Offers the troubleshooter under someone's message: the reply goes to the outbox in the same transaction that
   * records it, so a retried event, a second message the same day or a restart never makes a second one.
   */
  offer(p: {
    channelId: string;
    slackUserId: string;
    messageTs: string;
    threadTs: string;
    now: number;
    message: (replyId: number) => OutgoingMessage;
  }): ListenReply | null {
    return this.db.transaction((tx) => {
      const reply = tx
        .insert(listenReplies)
        .values({
          channelId: p.channelId,
          slackUserId: p.slackUserId,
          messageTs: p.messageTs,
          day: dayIn(p.now, this.timeZone),
          createdAt: p.now,
        })
        .onConflictDoNothing()
        .returning()
        .get();
      if (!reply) return null;
      enqueuePost(tx, { channel: p.channelId, threadTs: p.threadTs, message: p.message(reply.id), now: p.now });
      return reply;
    });
  }

  reply(id: number): ListenReply | undefined {
    return this.db.select().from(listenReplies).where(eq(listenReplies.id, id)).get();
  }

  /** "Not this": recorded once, by whom. */
  dismiss(id: number, by: string, now: number): boolean {
    return (
      this.db
        .update(listenReplies)
        .set({ dismissedAt: now, dismissedBy: by })
        .where(and(eq(listenReplies.id, id), isNull(listenReplies.dismissedAt)))
        .run().changes > 0
    );
  }
}
