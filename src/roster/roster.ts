import { asc, eq, sql } from 'drizzle-orm';
import { buildOnce, type Db, type Writer } from '../../db/client.js';
import { adminRemovals, admins, type Admin, type DutyCover } from '../../db/schema.js';
import { audit } from '../reports/audit.js';
import type { AdminDuty, TimeRange } from '../routing/duty.js';
import { shiftListSchema, type Shift } from '../routing/shifts.js';
import { liveCovers } from './covers.js';

// Membership is checked at every click: built once (see buildOnce).
const adminById = buildOnce((w: Writer) =>
  w
    .select()
    .from(admins)
    .where(eq(admins.slackId, sql.placeholder('slackId')))
    .prepare(),
);

export type RosterChange = 'added' | 'already_admin' | 'removed' | 'not_admin' | 'last_admin';

/** The admin roster, kept in the database. Membership is read at the moment of every privileged action. */
export class Roster {
  constructor(private readonly db: Db) {}

  isAdmin(slackId: string): boolean {
    return this.get(slackId) !== undefined;
  }

  list(): Admin[] {
    return this.db.select().from(admins).orderBy(asc(admins.addedAt), asc(admins.slackId)).all();
  }

  get(slackId: string): Admin | undefined {
    return adminById(this.db).get({ slackId });
  }

  /** Everyone's shifts, manual duty, absence and covers (live at `now`), as the duty calculation wants them. */
  duties(now: number): AdminDuty[] {
    const covers = liveCovers(this.db, now);
    return this.list().map((a) => toDuty(a, covers));
  }

  /**
   * Adds the admins named in ADMIN_SLACK_IDS who are not on the roster yet; running it again changes nothing.
   * Someone removed with `admins remove` stays removed: the variable seeds the roster, it does not overrule it.
   */
  bootstrap(slackIds: readonly string[], now: number): string[] {
    return this.db.transaction((tx) => {
      const added: string[] = [];
      for (const slackId of slackIds) {
        if (
          tx.select({ id: adminRemovals.slackId }).from(adminRemovals).where(eq(adminRemovals.slackId, slackId)).get()
        )
          continue;
        const inserted = tx
          .insert(admins)
          .values({ slackId, addedBy: null, addedAt: now })
          .onConflictDoNothing()
          .returning()
          .get();
        if (!inserted) continue;
        audit(tx, { type: 'admin.added', actorSlackId: null, data: { slackId, source: 'ADMIN_SLACK_IDS' }, now });
        added.push(slackId);
      }
      return added;
    });
  }

  add(slackId: string, by: string, now: number): RosterChange {
    return this.db.transaction((tx) => {
      const inserted = tx
        .insert(admins)
        .values({ slackId, addedBy: by, addedAt: now })
        .onConflictDoNothing()
        .returning()
        .get();
      if (!inserted) return 'already_admin';
      tx.delete(adminRemovals).where(eq(adminRemovals.slackId, slackId)).run();
      audit(tx, { type: 'admin.added', actorSlackId: by, data: { slackId }, now });
      return 'added';
    });
  }

  /** The last admin cannot be removed: someone must always be able to act on reports. */
  remove(slackId: string, by: string, now: number): RosterChange {
    return this.db.transaction((tx) => {
      const all = tx.select({ id: admins.slackId }).from(admins).all();
      if (!all.some((a) => a.id === slackId)) return 'not_admin';
      if (all.length === 1) return 'last_admin';
      tx.delete(admins).where(eq(admins.slackId, slackId)).run();
      tx.insert(adminRemovals)
        .values({ slackId, removedBy: by, removedAt: now })
        .onConflictDoUpdate({ target: adminRemovals.slackId, set: { removedBy: by, removedAt: now } })
        .run();
      audit(tx, { type: 'admin.removed', actorSlackId: by, data: { slackId }, now });
      return 'removed';
    });
  }

  /** `duty on` / `duty off`, optionally until a time; audited. Returns false when not an admin. `duty on` ends an absence. */
  setManualDuty(slackId: string, on: boolean, now: number, until: number | null = null): boolean {
    return this.db.transaction((tx) => {
      const back = on ? { awaySince: null, awayUntil: null } : {};
      const changed =
        tx
          .update(admins)
          .set({ manualOn: on, manualSince: now, manualUntil: until, ...back })
          .where(eq(admins.slackId, slackId))
          .run().changes > 0;
      if (changed) audit(tx, { type: on ? 'duty.on' : 'duty.off', actorSlackId: slackId, data: { until }, now });
      return changed;
    });
  }

  /**
   * `duty away <date>`: off duty from now until `until`, over shifts and covers; a manual duty given before is
   * forgotten (the latest word counts). `duty on` ends it early. Audited; false when not an admin.
   */
  setAway(slackId: string, until: number, now: number): boolean {
    return this.db.transaction((tx) => {
      const changed =
        tx
          .update(admins)
          .set({ awaySince: now, awayUntil: until, manualOn: null, manualSince: null, manualUntil: null })
          .where(eq(admins.slackId, slackId))
          .run().changes > 0;
      if (changed) audit(tx, { type: 'duty.away', actorSlackId: slackId, data: { until }, now });
      return changed;
    });
  }

  setShifts(slackId: string, shifts: Shift[], now: number): boolean {
    return this.db.transaction((tx) => {
      const changed =
        tx
          .update(admins)
          .set({ shifts: JSON.stringify(shifts) })
          .where(eq(admins.slackId, slackId))
          .run().changes > 0;
      if (changed) audit(tx, { type: 'shifts.changed', actorSlackId: slackId, data: { shifts }, now });
      return changed;
    });
  }
}

/** One admin's duty; `covers` (not declined) make them absent where they are covered and on duty where they cover. */
export function toDuty(admin: Admin, covers: readonly DutyCover[] = []): AdminDuty {
  const absent: TimeRange[] =
    admin.awaySince !== null && admin.awayUntil !== null ? [{ start: admin.awaySince, end: admin.awayUntil }] : [];
  const covering: TimeRange[] = [];
  for (const c of covers) {
    if (c.declinedAt !== null) continue;
    if (c.requestedBy === admin.slackId) absent.push({ start: c.startAt, end: c.endAt });
    if (c.coverSlackId === admin.slackId) covering.push({ start: c.startAt, end: c.endAt });
  }
  return {
    slackId: admin.slackId,
    shifts: shiftListSchema.parse(JSON.parse(admin.shifts)),
    manual:
      admin.manualOn === null || admin.manualSince === null
        ? null
        : { on: admin.manualOn, since: admin.manualSince, until: admin.manualUntil },
    ...(absent.length > 0 ? { absent } : {}),
    ...(covering.length > 0 ? { covering } : {}),
  };
}
