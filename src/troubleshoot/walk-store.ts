import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { walks, type Walk } from '../../db/schema.js';
import type { Writer } from '../outbox/outbox.js';
import type { Facts, Locale } from './schema.js';

/** Every walk through the troubleshooter is recorded, so the team sees which leaves deflect and which escalate. */
export class WalkStore {
  constructor(private readonly db: Db) {}

  start(p: { slackUserId: string; locale: Locale; path: string; now: number }): Walk {
    return this.db
      .insert(walks)
      .values({ slackUserId: p.slackUserId, locale: p.locale, path: p.path, startedAt: p.now, updatedAt: p.now })
      .returning()
      .get();
  }

  get(id: number): Walk | undefined {
    return this.db.select().from(walks).where(eq(walks.id, id)).get();
  }

  /**
   * Records progress of a walk still in progress; a finished walk is never rewritten. `facts` are the directory's
   * answers about the walker's account, as the server got them.
   */
  progress(p: { id: number; slackUserId: string; path: string; leafId: string | null; facts?: Facts; now: number }): void {
    this.db
      .update(walks)
      .set({ path: p.path, leafId: p.leafId, updatedAt: p.now, ...(p.facts ? { facts: JSON.stringify(p.facts) } : {}) })
      .where(and(eq(walks.id, p.id), eq(walks.slackUserId, p.slackUserId), eq(walks.outcome, 'in_progress')))
      .run();
  }

  /** Ends a walk once: the first outcome wins (a double click or a late view_closed changes nothing). */
  finish(
    w: Writer,
    p: { id: number; slackUserId: string; outcome: 'self_resolved' | 'reported' | 'abandoned'; path?: string; leafId?: string | null; reportId?: number; now: number },
  ): boolean {
    const result = w
      .update(walks)
      .set({
        outcome: p.outcome,
        updatedAt: p.now,
        ...(p.path !== undefined ? { path: p.path } : {}),
        ...(p.leafId !== undefined ? { leafId: p.leafId } : {}),
        ...(p.reportId !== undefined ? { reportId: p.reportId } : {}),
      })
      .where(and(eq(walks.id, p.id), eq(walks.slackUserId, p.slackUserId), eq(walks.outcome, 'in_progress')))
      .run();
    return result.changes > 0;
  }
}
