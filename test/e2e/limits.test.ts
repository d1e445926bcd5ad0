import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { adminAlerts, outbox, reports, walks } from '../../db/schema.js';
import { parseConfig } from '../../src/config.js';
import { enqueueDm, enqueuePost } from '../../src/outbox/outbox.js';
import { transition } from '../../src/reports/lifecycle.js';
import { lifecycleContext } from '../../src/slack/services.js';
import { startHarness, SUPPORT_CHANNEL, type Harness } from '../helpers/app-harness.js';
import { Walker } from '../helpers/walker.js';

const A1 = 'UADMINONE';
const A2 = 'UADMINTWO';
const REPORTER = 'UFLOODER1';
const tokyo = (iso: string) => DateTime.fromISO(iso, { zone: 'Asia/Tokyo' }).toMillis();
/** A Saturday: no shift, nobody on duty, so every report is queued and every admin is told. */
const SATURDAY = tokyo('2026-11-28T11:00');

let h: Harness;
afterEach(async () => {
  await h?.close();
});

async function start(env: Record<string, string> = {}): Promise<Harness> {
  h = await startHarness({ env: { ADMIN_SLACK_IDS: `${A1},${A2}`, DEFAULT_LOCALE: 'en', ...env } });
  h.clock.set(SATURDAY);
  for (const id of [A1, A2]) h.slack.setUser(id, { locale: 'en-US' });
  return h;
}

/** Opens the troubleshooter through the real request path, walks to "suspended" and sends the form. */
async function submitVia(userId: string, loginName = 'taro') {
  const walker = await new Walker(h, userId).open();
  await walker.choose('suspended');
  const walkId = walker.walkId();
  const res = await walker.submit(loginName);
  return { walkId, res, text: JSON.stringify(res.body?.view ?? res.body) };
}

/** What the app has caused so far: stored rows and what Slack was sent. */
function footprint() {
  return {
    reports: h.db.select().from(reports).all().length,
    outbox: h.db.select().from(outbox).all().length,
    posts: h.slack.callsTo('chat.postMessage').length,
  };
}

const dmsTo = (userId: string) =>
  h.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === `D${userId}` && c.status === 200);
const rootOf = (reportId: number) =>
  h.db
    .select()
    .from(reports)
    .all()
    .find((r) => r.id === reportId)!;
const permalinkOf = (reportId: number) =>
  `https://fake.slack.test/archives/${SUPPORT_CHANNEL}/p${rootOf(reportId).rootTs!.replace('.', '')}`;
const resolve = (reportId: number) =>
  transition(h.db, { reportId, event: 'resolve', actor: A1 }, lifecycleContext(h.app.services));

describe('limits: settings', () => {
  it('defaults to 3 open reports, 5 an hour, one admin DM per 10 minutes and 3 diagnose runs a minute', () => {
    const config = parseConfig({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SUPPORT_CHANNEL_ID: 'C1AB',
      SLACK_MODE: 'http',
      SLACK_SIGNING_SECRET: 's',
    });
    expect(config.limits).toEqual({
      maxOpenReports: 3,
      reportsPerHour: 5,
      adminAlertIntervalMinutes: 10,
      diagnosePerMinute: 3,
    });
    expect(() =>
      parseConfig({
        SLACK_BOT_TOKEN: 'xoxb-1',
        SUPPORT_CHANNEL_ID: 'C1AB',
        SLACK_MODE: 'http',
        SLACK_SIGNING_SECRET: 's',
        MAX_OPEN_REPORTS: '0',
        REPORTS_PER_HOUR: 'x',
      }),
    ).toThrow(/MAX_OPEN_REPORTS: [\s\S]*REPORTS_PER_HOUR: expected a number of reports/);
  });
});

describe('limits: one reporter cannot flood the admins and the support channel (§4a)', () => {
  it('a reporter trying 60 reports in a row gets 3 stored and posted; the rest are refused, and each admin gets one DM', async () => {
    await start();
    h.slack.setUser(REPORTER, { locale: 'en-US' });
    const answers: string[] = [];
    for (let i = 0; i < 60; i++) {
      answers.push((await submitVia(REPORTER, `taro${i}`)).text);
      await h.deliver();
    }
    expect(h.db.select().from(reports).all()).toHaveLength(3);
    expect(h.rootMessages()).toHaveLength(3);
    expect(answers.filter((a) => a.includes('has been sent to the administrators'))).toHaveLength(3);
    expect(answers.slice(3).every((a) => a.includes('You already have 3 reports waiting for an administrator'))).toBe(
      true,
    );
    expect(dmsTo(A1)).toHaveLength(1);
    expect(dmsTo(A2)).toHaveLength(1);
    // The reporter was told about their 3 reports (received + nobody on duty), nothing more.
    expect(dmsTo(REPORTER)).toHaveLength(6);
  }, 90_000); // 60 walks and submissions through the real app: slow on a loaded 2-core machine

  it('refuses a 4th open report with links to the 3 open threads and `status`, creating nothing', async () => {
    await start();
    h.slack.setUser(REPORTER, { locale: 'en-US' });
    for (let i = 0; i < 3; i++) await submitVia(REPORTER);
    await h.deliver();
    const before = footprint();
    const { res, text, walkId } = await submitVia(REPORTER);
    await h.app.idle();
    await h.deliver();

    expect(res.status).toBe(200);
    expect(res.body.response_action).toBe('update');
    expect(text).toContain(
      'You already have 3 reports waiting for an administrator (the most one person can have open at once), so this one was not sent.',
    );
    for (const id of [1, 2, 3]) expect(text).toContain(`<${permalinkOf(id)}|#${id}>`);
    expect(text).toContain('/kintone-login status');
    // No report, no outbox row, no message or DM: Slack was only asked for the three permalinks.
    expect(footprint()).toEqual(before);
    expect(
      h.db
        .select()
        .from(walks)
        .all()
        .find((w) => w.id === walkId),
    ).toMatchObject({ outcome: 'in_progress', reportId: null });

    // Once one is resolved, the next one is accepted.
    expect(resolve(2).ok).toBe(true);
    const again = await submitVia(REPORTER);
    expect(again.text).toContain('Report #4 has been sent to the administrators');
  });

  it('answers in Japanese for a Japanese reporter', async () => {
    await start({ MAX_OPEN_REPORTS: '1' });
    h.slack.setUser(REPORTER, { locale: 'ja-JP' });
    await submitVia(REPORTER);
    await h.deliver();
    const { text } = await submitVia(REPORTER);
    expect(text).toContain(
      '管理者の対応を待っている相談がすでに 1 件あり、1 人が同時に送れる上限に達しているため、今回の相談は送信しませんでした。',
    );
    expect(text).toContain(`<${permalinkOf(1)}|#1>`);
  });

  it('allows REPORTS_PER_HOUR reports in a rolling hour, then refuses until the oldest is an hour old', async () => {
    await start({ MAX_OPEN_REPORTS: '10', REPORTS_PER_HOUR: '5' });
    h.slack.setUser(REPORTER, { locale: 'en-US' });
    const first = SATURDAY;
    for (let i = 0; i < 5; i++) {
      expect((await submitVia(REPORTER)).text).toContain(`Report #${i + 1} has been sent`);
      h.clock.advance(5 * 60_000);
    }
    const before = footprint();
    const refused = await submitVia(REPORTER);
    expect(refused.text).toContain(
      'You have sent 5 reports within the last hour (the most allowed per hour), so this one was not sent.',
    );
    expect(refused.text).toContain('Please send it again from 28 Nov 2026, 12:00'); // the first one's hour ends then (Tokyo)
    expect(refused.text).toContain('#5');
    await h.deliver();
    expect(footprint().reports).toBe(before.reports);

    h.clock.set(first + 60 * 60_000);
    expect((await submitVia(REPORTER)).text).toContain('Report #6 has been sent');
  });
});

describe('limits: a report needs a walk of the reporter that is still in progress (§5b)', () => {
  const submitRaw = (userId: string, walkId: number, viewId = `V${walkId}-${userId}`) =>
    h.client.viewSubmission({
      userId,
      callbackId: 'login_report',
      viewId,
      privateMetadata: JSON.stringify({ w: walkId, s: 'suspended', f: {} }),
      values: { login_name: { login_name_input: { value: 'taro' } }, details: { details_input: { value: null } } },
    });

  it('refuses a forged walk id, another user’s walk and a finished walk, creating nothing and saying why', async () => {
    await start();
    const victim = await new Walker(h, 'UVICTIM01').open();
    const closed = await new Walker(h, REPORTER).open();
    await closed.close();
    const fixed = await new Walker(h, REPORTER).open();
    await fixed.choose('login_error');
    const before = footprint();

    const forged = await submitRaw(REPORTER, 999_999);
    expect(forged.status).toBe(200);
    expect(JSON.stringify(forged.body.view)).toContain(
      'This form was not opened for you by the troubleshooter, so nothing was sent.',
    );
    const theirs = await submitRaw(REPORTER, JSON.parse(victim.view.private_metadata).w);
    expect(JSON.stringify(theirs.body.view)).toContain(
      'This form was not opened for you by the troubleshooter, so nothing was sent.',
    );
    const ended = await submitRaw(REPORTER, JSON.parse(closed.view.private_metadata).w);
    expect(JSON.stringify(ended.body.view)).toContain(
      'This troubleshooter session has already ended, so nothing was sent.',
    );

    await h.app.idle();
    await h.deliver();
    expect(footprint()).toEqual(before);
    expect(
      h.db
        .select()
        .from(walks)
        .all()
        .find((w) => w.slackUserId === 'UVICTIM01')!.outcome,
    ).toBe('in_progress');
  });

  it('never hands one user another user’s report through a reported walk’s id', async () => {
    await start();
    const { walkId } = await submitVia('UVICTIM01', 'victim-login');
    const res = await submitRaw(REPORTER, walkId);
    const text = JSON.stringify(res.body.view);
    expect(text).toContain('This form was not opened for you');
    expect(text).not.toContain('#1');
    expect(h.db.select().from(reports).all()).toHaveLength(1);
  });

  it('answers a replay of the reporter’s own sent form with the report it made', async () => {
    await start();
    const walker = await new Walker(h, REPORTER).open();
    await walker.choose('suspended');
    const form = walker.view;
    await walker.submit('taro');
    walker.view = form;
    const replay = await walker.submit('taro');
    expect(JSON.stringify(replay.body.view)).toContain('Report #1 has been sent');
    expect(h.db.select().from(reports).all()).toHaveLength(1);
  });
});

describe('limits: admins get at most one DM per interval about waiting reports (§4b)', () => {
  it('sends the first alert at once and the rest in one DM per admin after 10 minutes, exactly once across restarts', async () => {
    await start();
    const reporters = ['UREPORTA1', 'UREPORTB1', 'UREPORTC1', 'UREPORTD1'];
    await submitVia(reporters[0]!, 'first');
    await h.deliver();
    expect(dmsTo(A1)).toHaveLength(1);
    expect(String(dmsTo(A1)[0]!.args.text)).toContain(
      `report #1 (login name \`first\`) came in while nobody is on duty: ${permalinkOf(1)}`,
    );

    for (const [i, reporter] of reporters.slice(1).entries()) {
      h.clock.advance(60_000);
      await submitVia(reporter, i === 0 ? 'taro&co' : `user${i}`);
    }
    await h.deliver();
    expect(h.app.scheduler.tick().adminDms).toBe(0);
    await h.deliver();
    expect(dmsTo(A1)).toHaveLength(1);
    expect(dmsTo(A2)).toHaveLength(1);
    expect(
      h.db
        .select()
        .from(adminAlerts)
        .all()
        .filter((a) => a.doneAt === null),
    ).toHaveLength(6);

    await h.restart();
    h.clock.set(SATURDAY + 10 * 60_000);
    expect(h.app.scheduler.tick().adminDms).toBe(2);
    await h.deliver();
    for (const admin of [A1, A2]) {
      expect(dmsTo(admin)).toHaveLength(2);
      const digest = String(dmsTo(admin)[1]!.args.text);
      expect(digest).toContain('3 kintone login reports are waiting for someone');
      expect(digest).toContain(`<${permalinkOf(2)}|#2> login name \`taro&amp;co\``);
      expect(digest).toContain(`<${permalinkOf(3)}|#3>`);
      expect(digest).toContain(`<${permalinkOf(4)}|#4>`);
      expect(digest).not.toContain('#1');
    }
    await h.restart();
    expect(h.app.scheduler.tick().adminDms).toBe(0);
    h.clock.advance(60 * 60_000);
    expect(h.app.scheduler.tick().adminDms).toBe(0);
    await h.deliver();
    expect(dmsTo(A1)).toHaveLength(2);
  });

  it('counts the interval from the last DM sent, and drops alerts about reports someone has taken meanwhile', async () => {
    await start({ ESCALATION_MINUTES: '120' }); // no escalation comes into it
    await submitVia('UREPORTA1', 'a');
    h.clock.advance(2 * 60_000);
    await submitVia('UREPORTB1', 'b');
    await submitVia('UREPORTC1', 'c');
    // A1 comes on duty for a moment: the queued reports are handed to them, so they no longer wait for anyone.
    expect((await h.client.slashCommand({ userId: A1, text: 'duty on' })).body.text).toBe('You are on duty.');
    expect((await h.client.slashCommand({ userId: A1, text: 'duty off' })).status).toBe(200);
    await h.app.idle();
    h.clock.set(SATURDAY + 10 * 60_000);
    expect(h.app.scheduler.tick().adminDms).toBe(0);
    await h.deliver();
    expect(dmsTo(A2)).toHaveLength(1);
    expect(
      h.db
        .select()
        .from(adminAlerts)
        .all()
        .filter((a) => a.outcome === 'dropped'),
    ).toHaveLength(4);

    // Nothing went out at +10 min, so the last DM is still the one at 0: a report at +12 is told at once…
    h.clock.set(SATURDAY + 12 * 60_000);
    await submitVia('UREPORTD1', 'd');
    await h.deliver();
    expect(dmsTo(A2)).toHaveLength(2);
    expect(String(dmsTo(A2)[1]!.args.text)).toContain(
      `report #4 (login name \`d\`) came in while nobody is on duty: ${permalinkOf(4)}`,
    );
    // …and the next one waits until +22.
    h.clock.set(SATURDAY + 13 * 60_000);
    await submitVia('UREPORTE1', 'e');
    h.clock.set(SATURDAY + 22 * 60_000 - 1);
    expect(h.app.scheduler.tick().adminDms).toBe(0);
    h.clock.set(SATURDAY + 22 * 60_000);
    expect(h.app.scheduler.tick().adminDms).toBe(2);
    await h.deliver();
    expect(dmsTo(A2)).toHaveLength(3);
    expect(String(dmsTo(A2)[2]!.args.text)).toContain(
      `report #5 (login name \`e\`) came in while nobody is on duty: ${permalinkOf(5)}`,
    );
  });

  it('coalesces escalations to every admin the same way', async () => {
    await start({ ESCALATION_MINUTES: '15' });
    expect((await h.client.slashCommand({ userId: A1, text: 'duty on' })).body.text).toBe('You are on duty.');
    await submitVia('UREPORTA1', 'a');
    await submitVia('UREPORTB1', 'b');
    await h.deliver();
    // Nobody takes them: after 15 minutes nobody else is on duty, so both escalate to every admin in one pass.
    h.clock.advance(15 * 60_000);
    expect(h.app.scheduler.tick()).toMatchObject({ fired: 2 });
    await h.deliver();
    expect(dmsTo(A2)).toHaveLength(1);
    expect(String(dmsTo(A2)[0]!.args.text)).toContain('report #1 (login name `a`) has not been taken yet');
    h.clock.advance(10 * 60_000);
    expect(h.app.scheduler.tick().adminDms).toBe(2);
    await h.deliver();
    expect(String(dmsTo(A2)[1]!.args.text)).toContain(
      `report #2 (login name \`b\`) has not been taken yet: ${permalinkOf(2)}`,
    );
  });
});

describe('limits: a coalesced DM links every thread it can', () => {
  it('links threads already posted and names the others without a link, never holding the DM back', async () => {
    await start();
    const now = h.clock.now();
    const posted = enqueuePost(h.db, { channel: SUPPORT_CHANNEL, message: { text: 'root 1' }, now });
    await h.deliver();
    h.slack.fail('chat.postMessage', { error: 'channel_not_found' }); // failed for good
    const lost = enqueuePost(h.db, { channel: SUPPORT_CHANNEL, message: { text: 'root 2' }, now });
    await h.deliver();
    h.slack.fail('chat.postMessage', { status: 503 }); // the next delivery, root 3, waits for a retry
    const pending = enqueuePost(h.db, { channel: 'CELSEWHERE', message: { text: 'root 3' }, now });
    enqueueDm(h.db, {
      userId: A1,
      message: { text: 'waiting: {link:1} {link:2} {link:3}' },
      links: [
        { token: '{link:1}', of: posted, label: '#1' },
        { token: '{link:2}', of: lost, label: '#2' },
        { token: '{link:3}', of: pending, label: '#3' },
      ],
      now,
    });
    await h.deliver();
    const states = new Map(
      h.db
        .select()
        .from(outbox)
        .all()
        .map((m) => [m.id, m.state]),
    );
    expect([states.get(posted), states.get(lost), states.get(pending)]).toEqual(['sent', 'failed', 'pending']);
    const dm = dmsTo(A1).find((c) => String(c.args.text).startsWith('waiting:'))!;
    const ts = h.db
      .select()
      .from(outbox)
      .all()
      .find((m) => m.id === posted)!.sentTs!;
    expect(dm.args.text).toBe(
      `waiting: <https://fake.slack.test/archives/${SUPPORT_CHANNEL}/p${ts.replace('.', '')}|#1> #2 #3`,
    );
  });
});

describe('limits: diagnose cannot flood cybozu.com (§4c)', () => {
  /** `/kintone-login diagnose` as `userId`; what the user finally sees (the "checking…" answer is replaced). */
  async function diagnose(userId: string) {
    const responseUrl = h.slack.responseUrl(`diag-${Math.random()}`);
    const ack = await h.client.slashCommand({ userId, text: 'diagnose', responseUrl });
    if (!/Checking/.test(String(ack.body?.text))) return String(ack.body?.text);
    const final = await h.slack.waitFor(
      (c) => c.method === 'response_url' && c.args._path === new URL(responseUrl).pathname,
    );
    return String(final.args.text);
  }
  const environmentRequests = () => h.cybozu.calls.filter((c) => c.path === '/' || c.path === '/login').length;

  it('answers 20 diagnose calls of one user with a small, bounded number of User API requests', async () => {
    h = await startHarness({ cybozu: true, env: { DEFAULT_LOCALE: 'en' } });
    h.cybozu.addUser({ code: 'taro', name: 'Yamada Taro', email: 'taro@example.com', services: ['kintone'] });
    h.slack.setUser('UTARO0001', { email: 'taro@example.com', locale: 'en-US' });
    const answers: string[] = [];
    for (let i = 0; i < 20; i++) answers.push(await diagnose('UTARO0001'));

    expect(answers.filter((a) => a.includes('Login name: `taro`'))).toHaveLength(3);
    expect(
      answers
        .slice(3)
        .every((a) =>
          /^`diagnose` can be run 3 times a minute \(so cybozu.com is not asked too often\). Please try again in about 60 seconds.$/.test(
            a,
          ),
        ),
    ).toBe(true);
    // One environment check (/, /login, /v1/users.json?size=1), one user list page, and the account's services
    // per admitted run: 3 + 1 + 3. Without the limits these 20 calls made 63 requests.
    // (The health check's own probe, made once at start, is not counted.)
    expect(h.cybozu.calls.filter((c) => c.query['codes[0]'] !== 'kintone-login-health-probe')).toHaveLength(7);

    h.clock.advance(30_000);
    expect(await diagnose('UTARO0001')).toContain('Please try again in about 30 seconds');
    h.clock.advance(30_000);
    expect(await diagnose('UTARO0001')).toContain('Login name: `taro`');
  });

  it('shares one environment check among everyone for a minute', async () => {
    h = await startHarness({ cybozu: true, env: { DEFAULT_LOCALE: 'en' } });
    const users = ['UUSERA001', 'UUSERB001', 'UUSERC001'];
    for (const user of users) h.slack.setUser(user, { email: `${user.toLowerCase()}@example.com`, locale: 'en-US' });
    const texts = await Promise.all(users.map((u) => diagnose(u)));
    expect(texts.every((t) => t.includes('Login page: OK'))).toBe(true);
    expect(environmentRequests()).toBe(2);
    h.clock.advance(59_000);
    await diagnose(users[0]!);
    expect(environmentRequests()).toBe(2);
    h.clock.advance(1_000);
    await diagnose(users[1]!);
    expect(environmentRequests()).toBe(4);
  });
});

describe('limits: opening the troubleshooter again and again cannot flood cybozu.com', () => {
  afterEach(async () => {
    await h.close();
  });

  it('asks the directory about the opener’s account at most once a minute', async () => {
    h = await startHarness({ cybozu: true, env: { DEFAULT_LOCALE: 'en' } });
    h.cybozu.addUser({ code: 'taro', name: 'Taro', email: 'taro@example.com', valid: false, services: ['kintone'] });
    h.slack.setUser('UTARO0001', { email: 'taro@example.com', locale: 'en-US' });
    for (let i = 0; i < 20; i++) {
      const walker = await new Walker(h, 'UTARO0001').open();
      // Every open still gets the account's facts (a suspended account goes straight to "resume").
      expect(walker.view.private_metadata).toContain('"account_active":"no"');
    }
    const first = h.cybozu.calls.length;
    expect(first).toBeLessThanOrEqual(3); // the user list (one page, then the end) and the account’s services, once
    h.clock.advance(61_000);
    await new Walker(h, 'UTARO0001').open();
    expect(h.cybozu.calls.length).toBeGreaterThan(first);
  });
});
