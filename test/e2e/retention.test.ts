import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditEvents, reports, slackUsers, walks } from '../../db/schema.js';
import { RETENTION_SWEEP_EVERY_MS } from '../../src/reports/retention.js';
import { startHarness, type Harness } from '../helpers/app-harness.js';
import { Walker } from '../helpers/walker.js';

const ADMIN = 'UADMINRET';
const REPORTER = 'UREPORTRT';
const OTHER = 'UREPORTR2';
const DAY = 86_400_000;

describe('personal data over time (RETENTION_DAYS)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ env: { ADMIN_SLACK_IDS: ADMIN, DEFAULT_LOCALE: 'en', RETENTION_DAYS: '30' } });
    h.slack.setUser(ADMIN, { locale: 'en-US', tz: 'Asia/Tokyo', email: 'admin@example.com' });
    h.slack.setUser(REPORTER, {
      locale: 'ja-JP',
      tz: 'Asia/Tokyo',
      email: 'hanako.yamada@example.com',
      name: '山田 花子',
    });
    h.slack.setUser(OTHER, { locale: 'en-US', tz: 'Asia/Tokyo', email: 'other@example.com' });
    h.app.services.roster.setManualDuty(ADMIN, true, h.clock.now());
  });
  afterEach(async () => {
    await h.close();
  });

  const report = async (user: string, details: string) => {
    const walker = await new Walker(h, user).open();
    await walker.choose('suspended');
    await walker.submit('hanako', details);
    await h.deliver();
    return h.db.select().from(reports).all().at(-1)!;
  };
  const resolveWithNote = async (reportId: number, note: string) => {
    const r = h.db.select().from(reports).where(eq(reports.id, reportId)).get()!;
    await h.client.blockAction({
      userId: ADMIN,
      actionId: 'report_resolve',
      value: String(reportId),
      channel: r.rootChannel!,
      messageTs: r.rootTs!,
      responseUrl: h.slack.responseUrl(`resolve-${reportId}`),
      triggerId: `trig-${reportId}`,
    });
    await h.app.idle();
    const modal = h.slack.callsTo('views.open').at(-1)!;
    await h.client.viewSubmission({
      userId: ADMIN,
      callbackId: 'report_resolve_modal',
      privateMetadata: modal.args.view.private_metadata,
      values: { note: { note_input: { value: note } } },
    });
    await h.app.idle();
    await h.deliver();
  };
  const reportRow = (id: number) => h.db.select().from(reports).where(eq(reports.id, id)).get()!;
  /** One scheduler pass after the sweep's interval, as the running app makes every few seconds. */
  const passAt = (at: number) => {
    h.clock.set(at);
    h.app.scheduler.tick();
  };

  it('erases a closed report’s free text, cached profiles and audit rows’ personal fields once RETENTION_DAYS have passed, keeping who did what to which account', async () => {
    const closed = await report(REPORTER, '昨日から「パスワードが違います」と出ます, "急ぎ"');
    await resolveWithNote(closed.id, '山田さんの口座を有効化しました');
    const closedAt = reportRow(closed.id).updatedAt;
    const open = await report(OTHER, 'still waiting');
    expect(h.db.select().from(slackUsers).where(eq(slackUsers.slackId, REPORTER)).get()?.email).toBe(
      'hanako.yamada@example.com',
    );
    // New audit rows keep the resolution note's text out: it is in the thread and the reporter's DM.
    const resolvedRow = h.db
      .select()
      .from(auditEvents)
      .all()
      .find((e) => e.type === 'report.resolve')!;
    expect(JSON.parse(resolvedRow.data)).toEqual({ from: 'open', to: 'resolved', withNote: true });
    expect(JSON.stringify(h.db.select().from(auditEvents).all())).not.toContain('山田さん');

    // What a configured directory would have stored about the account (this harness has none).
    h.db.$client.prepare(`update walks set facts = '{"active":false,"email":"hanako.yamada@example.com"}'`).run();
    h.db.$client.prepare(`update reports set facts = '{"active":false}'`).run();
    // A day before the period is up, nothing is touched.
    passAt(closedAt + 29 * DAY);
    expect(reportRow(closed.id).details).toContain('パスワード');
    expect(
      h.db
        .select()
        .from(walks)
        .all()
        .every((w) => w.facts !== null),
    ).toBe(true);
    expect(
      h.db
        .select()
        .from(auditEvents)
        .all()
        .filter((e) => e.redactedAt !== null),
    ).toHaveLength(0);

    passAt(closedAt + 30 * DAY + RETENTION_SWEEP_EVERY_MS);
    const erased = reportRow(closed.id);
    expect(erased).toMatchObject({
      details: '',
      facts: null,
      state: 'resolved',
      loginName: 'hanako',
      reporterSlackId: REPORTER,
    });
    expect(erased.personalDataErasedAt).toBe(h.clock.now());
    // Only closed reports: the other one is still open, its details kept for the admin working on it.
    expect(reportRow(open.id)).toMatchObject({ details: 'still waiting', personalDataErasedAt: null });
    expect(
      h.db
        .select()
        .from(slackUsers)
        .all()
        .map((u) => u.slackId),
    ).not.toContain(REPORTER);
    expect(
      h.db
        .select()
        .from(walks)
        .all()
        .every((w) => w.facts === null),
    ).toBe(true);

    const trail = h.db.select().from(auditEvents).all();
    const created = trail.find((e) => e.type === 'report.created' && e.reportId === closed.id);
    expect(created?.redactedAt).toBe(h.clock.now());
    // Who did what to which report, and when, is still there.
    const resolved = trail.find((e) => e.type === 'report.resolve')!;
    expect(resolved).toMatchObject({ actorSlackId: ADMIN, reportId: closed.id, createdAt: resolvedRow.createdAt });
    const sweep = trail.filter((e) => e.type === 'retention.erased');
    expect(sweep).toHaveLength(1);
    expect(JSON.parse(sweep[0]!.data)).toMatchObject({ reports: 1, profiles: 3, retentionDays: 30 });
    expect(h.log.entries.some((e) => e.component === 'retention' && e.reports === 1)).toBe(true);

    // Exactly once: later passes find nothing more to erase, and the rows keep their first redaction.
    const snapshot = JSON.stringify(
      h.db
        .select()
        .from(auditEvents)
        .all()
        .filter((e) => e.redactedAt !== null),
    );
    passAt(h.clock.now() + RETENTION_SWEEP_EVERY_MS);
    passAt(h.clock.now() + RETENTION_SWEEP_EVERY_MS);
    expect(
      JSON.stringify(
        h.db
          .select()
          .from(auditEvents)
          .all()
          .filter((e) => e.redactedAt !== null && e.type !== 'retention.erased'),
      ),
    ).toBe(JSON.stringify(JSON.parse(snapshot).filter((e: { type: string }) => e.type !== 'retention.erased')));
    expect(
      h.db
        .select()
        .from(auditEvents)
        .all()
        .filter((e) => e.type === 'retention.erased'),
    ).toHaveLength(1);
    expect(reportRow(closed.id).personalDataErasedAt).toBe(erased.personalDataErasedAt);
  });

  it('redacts a verified identity’s e-mail and groups in the audit trail and keeps the row', async () => {
    const at = h.clock.now();
    h.db.$client
      .prepare(
        "insert into audit_events (type, actor_slack_id, data, created_at) values ('identity.verified', ?, ?, ?)",
      )
      .run(
        REPORTER,
        JSON.stringify({
          subject: 'sub-123',
          email: 'hanako.yamada@example.com',
          emailVerified: true,
          groups: ['経理部'],
          groupCount: 1,
          stepUp: false,
        }),
        at,
      );
    passAt(at + 31 * DAY);
    const row = h.db
      .select()
      .from(auditEvents)
      .all()
      .find((e) => e.type === 'identity.verified')!;
    expect(row.actorSlackId).toBe(REPORTER);
    expect(row.createdAt).toBe(at);
    expect(JSON.parse(row.data)).toEqual({
      subject: '[redacted]',
      email: '[redacted]',
      emailVerified: true,
      groups: '[redacted]',
      groupCount: 1,
      stepUp: false,
    });
  });

  it('waits for the sweep interval between passes, and goes on at once while a batch was full', async () => {
    const at = h.clock.now();
    const insert = h.db.$client.prepare(
      "insert into slack_users (slack_id, locale, email, fetched_at) values (?, 'ja-JP', ?, ?)",
    );
    for (let i = 0; i < 450; i++) insert.run(`UOLD${i}`, `old${i}@example.com`, at - 40 * DAY);
    passAt(at + RETENTION_SWEEP_EVERY_MS);
    expect(
      h.db
        .select()
        .from(slackUsers)
        .all()
        .filter((u) => u.slackId.startsWith('UOLD')),
    ).toHaveLength(250);
    passAt(h.clock.now() + 1);
    passAt(h.clock.now() + 1);
    expect(
      h.db
        .select()
        .from(slackUsers)
        .all()
        .filter((u) => u.slackId.startsWith('UOLD')),
    ).toHaveLength(0);
    // Nothing left: the next pass within the interval does not sweep.
    const sweeps = () =>
      h.db
        .select()
        .from(auditEvents)
        .all()
        .filter((e) => e.type === 'retention.erased').length;
    const before = sweeps();
    insert.run('UOLDLATE', 'late@example.com', at - 40 * DAY);
    passAt(h.clock.now() + 1000);
    expect(sweeps()).toBe(before);
    passAt(h.clock.now() + RETENTION_SWEEP_EVERY_MS);
    expect(sweeps()).toBe(before + 1);
  });
});
