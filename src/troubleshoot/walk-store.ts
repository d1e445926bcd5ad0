import { and, eq, sql } from 'drizzle-orm';
import { buildOnce, param, paramOrKeep, type Db, type Writer } from '../../db/client.js';
import { walks, type Walk } from '../../db/schema.js';
import type { Facts, Locale } from './schema.js';

// Every troubleshooter step reads or writes its walk: these are built once (see buildOnce).
const insertWalk = buildOnce((w: Writer) =>
  w
    .insert(walks)
    .values({
      slackUserId: sql.placeholder('slackUserId'),
      locale: sql.placeholder('locale'),
      path: sql.placeholder('path'),
      startedAt: sql.placeholder('now'),
      updatedAt: sql.placeholder('now'),
      onBehalfOf: sql.placeholder('onBehalfOf'),
    })
    .returning()
    .prepare(),
);
const walkById = buildOnce((w: Writer) =>
  w
    .select()
    .from(walks)
    .where(eq(walks.id, sql.placeholder('id')))
    .prepare(),
);
/** A walk by its id, inside whatever transaction `w` has open. */
export function walkOf(w: Writer, id: number): Walk | undefined {
  return walkById(w).get({ id });
}

/** The walk, only while it is the walker's own and still in progress. */
const ownWalkInProgress = and(
  eq(walks.id, sql.placeholder('id')),
  eq(walks.slackUserId, sql.placeholder('slackUserId')),
  eq(walks.outcome, 'in_progress'),
);
const progressWalk = buildOnce((w: Writer) =>
  w
    .update(walks)
    .set({
      path: param('path'),
      leafId: param('leafId'),
      updatedAt: param('now'),
      facts: paramOrKeep('facts', walks.facts),
    })
    .where(ownWalkInProgress)
    .prepare(),
);
const finishWalk = buildOnce((w: Writer) =>
  w
    .update(walks)
    .set({
      outcome: param('outcome'),
      updatedAt: param('now'),
      path: paramOrKeep('path', walks.path),
      leafId: sql`case when ${sql.placeholder('keepLeaf')} then ${walks.leafId} else ${sql.placeholder('leafId')} end`,
      reportId: paramOrKeep('reportId', walks.reportId),
    })
    .where(ownWalkInProgress)
    .prepare(),
);

/** Every walk through the troubleshooter is recorded, so the team sees which leaves deflect and which escalate. */
export class WalkStore {
  constructor(private readonly db: Db) {}

  /** `onBehalfOf`: the walker walks for someone else (a message's author), who becomes the reporter. */
  start(p: { slackUserId: string; locale: Locale; path: string; now: number; onBehalfOf?: string }): Walk {
    return insertWalk(this.db).get({
      slackUserId: p.slackUserId,
      locale: p.locale,
      path: p.path,
      now: p.now,
      onBehalfOf: p.onBehalfOf ?? null,
    })!;
  }

  get(id: number): Walk | undefined {
    return walkOf(this.db, id);
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
    progressWalk(this.db).run({
      id: p.id,
      slackUserId: p.slackUserId,
      path: p.path,
      leafId: p.leafId,
      now: p.now,
      facts: p.facts ? JSON.stringify(p.facts) : null,
    });
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
    const result = finishWalk(w).run({
      id: p.id,
      slackUserId: p.slackUserId,
      outcome: p.outcome,
      now: p.now,
      path: p.path ?? null,
      // leafId may be set to null on purpose, so "not given" is its own flag.
      keepLeaf: p.leafId === undefined ? 1 : 0,
      leafId: p.leafId ?? null,
      reportId: p.reportId ?? null,
    });
    return result.changes > 0;
  }
}
