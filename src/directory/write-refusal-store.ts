// The standing "writes are refused" warning, in the database so it survives restarts until a write succeeds.

import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { directoryWriteRefusals } from '../../db/schema.js';
import type { AuthAccount, WriteRefusal, WriteRefusals } from './write-capability.js';

export class WriteRefusalStore implements WriteRefusals {
  constructor(private readonly db: Db) {}

  current(auth: AuthAccount['kind']): WriteRefusal | null {
    const row = this.db.select().from(directoryWriteRefusals).where(eq(directoryWriteRefusals.auth, auth)).get();
    return row ? { firstSeenAt: row.firstSeenAt, lastSeenAt: row.lastSeenAt, cybozuErrorId: row.cybozuErrorId } : null;
  }

  record(auth: AuthAccount['kind'], p: { now: number; cybozuErrorId: string | null }): void {
    this.db
      .insert(directoryWriteRefusals)
      .values({ auth, firstSeenAt: p.now, lastSeenAt: p.now, cybozuErrorId: p.cybozuErrorId })
      .onConflictDoUpdate({
        target: directoryWriteRefusals.auth,
        set: { lastSeenAt: p.now, cybozuErrorId: p.cybozuErrorId },
      })
      .run();
  }

  clear(auth: AuthAccount['kind']): void {
    this.db.delete(directoryWriteRefusals).where(eq(directoryWriteRefusals.auth, auth)).run();
  }
}
