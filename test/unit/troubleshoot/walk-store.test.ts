import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/client.js';
import { migrateDatabase } from '../../../db/migrate.js';
import { WalkStore } from '../../../src/troubleshoot/walk-store.js';

// The store's statements are built once with optional changes (a null value keeps the column): these pin
// what "not given" and "given as null" each do.
function store() {
  const db = openDatabase(':memory:');
  migrateDatabase(db);
  return { db, walks: new WalkStore(db) };
}

describe('walk store', () => {
  it('records progress, keeping the facts when none are given', () => {
    const { walks } = store();
    const walk = walks.start({ slackUserId: 'U1', locale: 'ja', path: '', now: 1000 });
    expect(walk).toMatchObject({ slackUserId: 'U1', path: '', outcome: 'in_progress', onBehalfOf: null });
    walks.progress({
      id: walk.id,
      slackUserId: 'U1',
      path: 'a',
      leafId: null,
      facts: { active: true } as never,
      now: 2000,
    });
    walks.progress({ id: walk.id, slackUserId: 'U1', path: 'a/b', leafId: 'leaf', now: 3000 });
    expect(walks.get(walk.id)).toMatchObject({
      path: 'a/b',
      leafId: 'leaf',
      updatedAt: 3000,
      facts: '{"active":true}',
    });
    walks.progress({ id: walk.id, slackUserId: 'U1', path: 'a', leafId: null, now: 4000 });
    expect(walks.get(walk.id)).toMatchObject({ path: 'a', leafId: null });
  });

  it("changes only the walker's own walk in progress", () => {
    const { db, walks } = store();
    const walk = walks.start({ slackUserId: 'U1', locale: 'ja', path: 'x', now: 1000 });
    walks.progress({ id: walk.id, slackUserId: 'U2', path: 'stolen', leafId: null, now: 2000 });
    expect(walks.finish(db, { id: walk.id, slackUserId: 'U2', outcome: 'abandoned', now: 2000 })).toBe(false);
    expect(walks.get(walk.id)).toMatchObject({ path: 'x', outcome: 'in_progress' });
  });

  it('finishes once, keeping what is not given and clearing a leaf given as null', () => {
    const { db, walks } = store();
    const a = walks.start({ slackUserId: 'U1', locale: 'ja', path: 'p', now: 1000 });
    walks.progress({ id: a.id, slackUserId: 'U1', path: 'p/q', leafId: 'leaf', now: 2000 });
    expect(walks.finish(db, { id: a.id, slackUserId: 'U1', outcome: 'self_resolved', now: 3000 })).toBe(true);
    expect(walks.get(a.id)).toMatchObject({ outcome: 'self_resolved', path: 'p/q', leafId: 'leaf', reportId: null });
    expect(walks.finish(db, { id: a.id, slackUserId: 'U1', outcome: 'abandoned', now: 4000 })).toBe(false);
    expect(walks.get(a.id)).toMatchObject({ outcome: 'self_resolved', updatedAt: 3000 });

    const b = walks.start({ slackUserId: 'U1', locale: 'en', path: 'p', now: 1000 });
    walks.progress({ id: b.id, slackUserId: 'U1', path: 'p/q', leafId: 'leaf', now: 2000 });
    walks.finish(db, { id: b.id, slackUserId: 'U1', outcome: 'abandoned', path: 'p', leafId: null, now: 3000 });
    expect(walks.get(b.id)).toMatchObject({ outcome: 'abandoned', path: 'p', leafId: null, reportId: null });
  });
});
