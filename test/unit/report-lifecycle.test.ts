import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.js';
import { migrateDatabase } from '../../db/migrate.js';
import { admins, auditEvents, reports, walks } from '../../db/schema.js';
import { OPEN_COUNT_CAP } from '../../src/reports/queries.js';
import { submitReport } from '../../src/reports/submit-report.js';
import { transition } from '../../src/reports/lifecycle.js';
import type { LifecycleContext, ReportNotices } from '../../src/reports/lifecycle-context.js';
import { canTransition, type ReportEvent } from '../../src/reports/state-machine.js';

const STATES = ['open', 'acknowledged', 'resolved', 'cancelled'] as const;
const EVENTS: ReportEvent[] = ['acknowledge', 'resolve', 'cancel', 'reopen'];

const quiet = new Proxy({}, { get: () => () => ({ text: 'x' }) }) as ReportNotices;
const ctx: LifecycleContext = {
  now: 1000,
  timezone: 'Asia/Tokyo',
  escalationMinutes: 15,
  supportChannelId: 'C1',
  notices: quiet,
};

describe('report state machine', () => {
  it('allows exactly these transitions', () => {
    const allowed = STATES.flatMap((s) => EVENTS.filter((e) => canTransition(s, e)).map((e) => `${s}:${e}`));
    expect(allowed).toEqual([
      'open:acknowledge',
      'open:resolve',
      'open:cancel',
      'acknowledged:resolve',
      'acknowledged:cancel',
      'resolved:reopen',
    ]);
  });

  it.each(STATES.flatMap((s) => EVENTS.map((e) => [s, e] as const)))(
    'from %s, %s either moves with one audit row or changes nothing',
    (state, event) => {
      const db = openDatabase(':memory:');
      migrateDatabase(db);
      const id = db
        .insert(reports)
        .values({
          reporterSlackId: 'UR',
          loginName: 'taro',
          leafId: 'other_problem',
          remedy: 'other',
          locale: 'en',
          submissionKey: 'k',
          state,
          createdAt: 0,
          updatedAt: 0,
        })
        .returning()
        .get().id;
      const outcome = transition(db, { reportId: id, event, actor: 'UA' }, ctx);
      const after = db.select().from(reports).get()!;
      const audits = db.select().from(auditEvents).all();
      if (canTransition(state, event)) {
        expect(outcome.ok).toBe(true);
        expect(audits.map((a) => a.type)).toEqual([`report.${event}`]);
        expect(after.state).not.toBe(state);
      } else {
        expect(outcome).toMatchObject({ ok: false, reason: 'not_allowed' });
        expect(audits).toHaveLength(0);
        expect(after.state).toBe(state);
      }
    },
  );

  it('says not_found for an unknown report', () => {
    const db = openDatabase(':memory:');
    migrateDatabase(db);
    expect(transition(db, { reportId: 99, event: 'acknowledge', actor: 'UA' }, ctx)).toEqual({
      ok: false,
      reason: 'not_found',
    });
  });
});

describe('routing with a long queue', () => {
  // Each from its own reporter and walk, so no reporter's limits come into it.
  const submit = (db: ReturnType<typeof openDatabase>, key: string) => {
    const reporter = `UR${key.toUpperCase()}`;
    const walkId = db
      .insert(walks)
      .values({ slackUserId: reporter, locale: 'en', startedAt: 0, updatedAt: 0 })
      .returning()
      .get().id;
    const outcome = submitReport(db, {
      input: {
        reporterSlackId: reporter,
        loginName: 'taro',
        leafId: 'other_problem',
        remedy: 'other',
        path: [],
        walkId,
        details: '',
        locale: 'en',
      },
      lifecycle: ctx,
      limits: { maxOpen: 3, perHour: 5 },
      receivedDm: () => ({ text: '{permalink}' }),
    });
    if (outcome.kind !== 'created') throw new Error(`not created: ${JSON.stringify(outcome)}`);
    return outcome.report;
  };

  it('counts open reports up to the cap: past it, admins tie and the least recently assigned gets the next one', () => {
    const db = openDatabase(':memory:');
    migrateDatabase(db);
    db.insert(admins)
      .values([
        { slackId: 'UA', addedAt: 0, manualOn: true, manualSince: 0, lastAssignedAt: 500 },
        { slackId: 'UB', addedAt: 0, manualOn: true, manualSince: 0, lastAssignedAt: 100 },
      ])
      .run();
    const backlog = (assignee: string, n: number) =>
      db
        .insert(reports)
        .values(
          Array.from({ length: n }, (_, i) => ({
            reporterSlackId: 'UX',
            loginName: 'x',
            leafId: 'other_problem',
            remedy: 'other' as const,
            locale: 'en' as const,
            submissionKey: `${assignee}-${n}-${i}`,
            state: 'open' as const,
            assigneeSlackId: assignee,
            createdAt: 0,
            updatedAt: 0,
          })),
        )
        .run();
    backlog('UA', OPEN_COUNT_CAP - 1);
    backlog('UB', OPEN_COUNT_CAP + 50);
    expect(submit(db, 'fewest').assigneeSlackId).toBe('UA'); // under the cap: fewest open first
    backlog('UA', 100);
    // Both past the cap now: UB was assigned least recently.
    expect(submit(db, 'tie').assigneeSlackId).toBe('UB');
    expect(submit(db, 'tie2').assigneeSlackId).toBe('UA');
  });
});
