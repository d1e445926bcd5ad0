import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { walks, type Walk } from '../../db/schema.js';
import type { Writer } from '../../db/client.js';
import type { Facts, Locale } from './schema.js';

/** Every walk through the troubleshooter is recorded, so the team sees which leaves deflect and which escalate. */
export class WalkStore {
  constructor(private readonly db: Db) {}

  /** `onBehalfOf`: the walker walks for someone else (a message's author), who becomes the reporter. */
  start(p: { slackUserId: string; locale: Locale; path: string; now: number; onBehalfOf?: string }): Walk {
    return this.db
      .insert(walks)
      .values({
        slackUserId: p.slackUserId,
        locale: p.locale,
        path: p.path,
        startedAt: p.now,
        updatedAt: p.now,
        onBehalfOf: p.onBehalfOf ?? null,
      })
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
  progress(p: {
    id: number;
    slackUserId: string;
    path: string;
    leafId: string | null;
    facts?: Facts;
    now: number;
  }): void {
    this.db
      .update(walks)
      .set({ path: p.path, leafId: p.leafId, updatedAt: p.now, ...(p.facts ? { facts: JSON.stringify(p.facts) } : {}) })
      .where(and(eq(walks.id, p.id), eq(walks.slackUserId, p.slackUserId), eq(walks.outcome, 'in_progress')))
      .run();
  }

  /** The walker chose to report for themselves after all (message shortcut): nobody else becomes the reporter. */
  forSelf(p: { id: number; slackUserId: string; now: number }): boolean {
    return (
      this.db
        .update(walks)
        .set({ onBehalfOf: null, updatedAt: p.now })
        .where(and(eq(walks.id, p.id), eq(walks.slackUserId, p.slackUserId), eq(walks.outcome, 'in_progress')))
        .run().changes > 0
    );
  }

  /** Ends a walk once: the first outcome wins (a double click or a late view_closed changes nothing). */
  finish(
    w: Writer,
    p: {
      id: number;
      slackUserId: string;
      outcome: 'self_resolved' | 'reported' | 'abandoned';
      path?: string;
      leafId?: string | null;
      reportId?: number;
      now: number;
    },
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
