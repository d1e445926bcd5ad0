import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { admins, type Admin } from '../../db/schema.js';
import { audit } from '../reports/audit.js';

/** The admin roster, kept in the database. Membership is read at the moment of every privileged action. */
export class Roster {
  constructor(private readonly db: Db) {}

  isAdmin(slackId: string): boolean {
    return this.db.select({ id: admins.slackId }).from(admins).where(eq(admins.slackId, slackId)).get() !== undefined;
  }

  list(): Admin[] {
    return this.db.select().from(admins).orderBy(asc(admins.addedAt), asc(admins.slackId)).all();
  }

  /** Adds the admins named in ADMIN_SLACK_IDS who are not on the roster yet; running it again changes nothing. */
  bootstrap(slackIds: readonly string[], now: number): string[] {
    return this.db.transaction((tx) => {
      const added: string[] = [];
      for (const slackId of slackIds) {
        const inserted = tx.insert(admins).values({ slackId, addedBy: null, addedAt: now }).onConflictDoNothing().returning().get();
        if (!inserted) continue;
        audit(tx, { type: 'admin.added', actorSlackId: null, data: { slackId, source: 'ADMIN_SLACK_IDS' }, now });
        added.push(slackId);
      }
      return added;
    });
  }
}
