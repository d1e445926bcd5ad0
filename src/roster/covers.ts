/**
 * Covers (one admin covers another's time range) and the duty roster as routing sees it: shifts, manual duty,
 * absences and covers together. Domain code: the caller passes the messages to send, built by the Slack layer.
 */
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { buildOnce, type Db } from '../../db/client.js';
import { admins, dutyCovers, type DutyCover } from '../../db/schema.js';
import { enqueueDm, type OutgoingMessage } from '../outbox/outbox.js';
import type { Writer } from '../../db/client.js';
import { audit } from '../reports/audit.js';
import type { AdminDuty } from '../routing/duty.js';
import { toDuty } from './roster.js';

/** A cover longer than this is a roster change, not a cover: edit the shifts instead. */
export const MAX_COVER_DAYS = 31;

// Read at every routing decision: built once (see buildOnce).
const liveCoversQuery = buildOnce((w: Writer) =>
  w
    .select()
    .from(dutyCovers)
    .where(and(isNull(dutyCovers.declinedAt), gt(dutyCovers.endAt, sql.placeholder('now'))))
    .prepare(),
);

/** Covers not declined and not over at `now` (the ones that can still change who is on duty). */
export function liveCovers(w: Writer, now: number): DutyCover[] {
  return liveCoversQuery(w).all({ now });
}

/** Every admin's duty (shifts, manual duty, away, covers) as of `now`, in the database's order. */
export function dutyRoster(w: Writer, now: number): AdminDuty[] {
  const covers = liveCovers(w, now);
  return w
    .select()
    .from(admins)
    .all()
    .map((a) => toDuty(a, covers));
}

export type CoverRequest = { requestedBy: string; cover: string; start: number; end: number };
export type CoverRefusal = 'requester_not_admin' | 'cover_not_admin' | 'self' | 'bad_range' | 'in_past' | 'too_long';
export type CoverOutcome = { ok: true; cover: DutyCover } | { ok: false; reason: CoverRefusal };

/** Why a cover cannot be recorded, or null when it can (checked at the modal's submission and in the command). */
export function coverRefusal(db: Pick<Db, 'select'>, r: CoverRequest, now: number): CoverRefusal | null {
  const isAdmin = (id: string) =>
    db.select({ id: admins.slackId }).from(admins).where(eq(admins.slackId, id)).get() !== undefined;
  if (!isAdmin(r.requestedBy)) return 'requester_not_admin';
  if (r.cover === r.requestedBy) return 'self';
  if (!isAdmin(r.cover)) return 'cover_not_admin';
  if (!(r.end > r.start)) return 'bad_range';
  if (r.end <= now) return 'in_past';
  if (r.end - r.start > MAX_COVER_DAYS * 86_400_000) return 'too_long';
  return null;
}

/** Records a cover, audited, and DMs the covering admin (`notice`, with the decline button) in the same transaction. */
export function requestCover(
  db: Db,
  r: CoverRequest,
  now: number,
  notice: (cover: DutyCover) => OutgoingMessage,
): CoverOutcome {
  return db.transaction((tx) => {
    const refusal = coverRefusal(tx, r, now);
    if (refusal) return { ok: false, reason: refusal } as const;
    const cover = tx
      .insert(dutyCovers)
      .values({ requestedBy: r.requestedBy, coverSlackId: r.cover, startAt: r.start, endAt: r.end, createdAt: now })
      .returning()
      .get();
    audit(tx, {
      type: 'duty.cover_requested',
      actorSlackId: r.requestedBy,
      data: { coverId: cover.id, cover: r.cover, start: r.start, end: r.end },
      now,
    });
    enqueueDm(tx, { userId: r.cover, message: notice(cover), now });
    return { ok: true, cover } as const;
  });
}

export type DeclineOutcome =
  | { ok: true; cover: DutyCover }
  | { ok: false; reason: 'not_found' | 'not_yours' | 'already_declined' | 'over' };

/** The covering admin declines (checked here, at the click): the cover stops counting and the requester is told. */
export function declineCover(
  db: Db,
  p: { coverId: number; by: string; now: number },
  notice: (cover: DutyCover) => OutgoingMessage,
): DeclineOutcome {
  return db.transaction((tx) => {
    const found = tx.select().from(dutyCovers).where(eq(dutyCovers.id, p.coverId)).get();
    if (!found) return { ok: false, reason: 'not_found' } as const;
    if (found.coverSlackId !== p.by) return { ok: false, reason: 'not_yours' } as const;
    if (found.declinedAt !== null) return { ok: false, reason: 'already_declined' } as const;
    if (found.endAt <= p.now) return { ok: false, reason: 'over' } as const;
    const cover = tx
      .update(dutyCovers)
      .set({ declinedAt: p.now })
      .where(and(eq(dutyCovers.id, found.id), isNull(dutyCovers.declinedAt)))
      .returning()
      .get()!;
    audit(tx, {
      type: 'duty.cover_declined',
      actorSlackId: p.by,
      data: { coverId: cover.id, requestedBy: cover.requestedBy },
      now: p.now,
    });
    enqueueDm(tx, { userId: cover.requestedBy, message: notice(cover), now: p.now });
    return { ok: true, cover } as const;
  });
}
