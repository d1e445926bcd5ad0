import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.js';
import { auditEvents, outbox, reports, timers } from '../../db/schema.js';
import { buildApp } from '../helpers/app-process.js';
import { FakeSlack } from '../helpers/fake-slack.js';
import { SlackClientSim } from '../helpers/slack-request.js';

const SECRET = 'crash-test-secret';
const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 6);
const ADMIN = 'UADMINONE';
/** Reports acknowledged in each round before its kill may land; the test fails if fewer were. */
const MIN_REPORTS_PER_ROUND = 5;

/** Starts the compiled app with plain node (as npm start does) and resolves with its port once it is listening. */
async function startApp(main: string, env: Record<string, string>): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, [main], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`app exited (${code}) before listening`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const entry = JSON.parse(line) as { msg?: string; port?: number };
      if (entry.msg === 'kintone-login is running' && entry.port) resolve(entry.port);
    });
  });
  return { child, port };
}

/**
 * Escalation timers are due 15 minutes after a report; while the app is down, every pending one is made due
 * now, so the next start fires them at once, under load, where the next kill may land.
 */
function makeTimersDue(path: string): number {
  const db = openDatabase(path);
  const changed = db.$client.prepare('UPDATE timers SET due_at = 0 WHERE done_at IS NULL').run().changes;
  db.$client.close();
  return changed;
}

function kill9(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

describe('crash safety: kill -9 at random moments under a load of reports and admin clicks', () => {
  let slack: FakeSlack;
  let dir: string;
  let build: { root: string; main: string };
  beforeAll(async () => {
    build = buildApp();
    slack = await FakeSlack.start();
    slack.delay('chat.postMessage', 5); // a little latency, so kills also land between Slack's answer and the commit
    dir = mkdtempSync(join(tmpdir(), 'kintone-login-crash-'));
  }, 180_000);
  afterAll(async () => {
    await slack.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(build.root, { recursive: true, force: true });
  });

  it('keeps every acknowledged report, one state each, a gapless audit trail, and loses no message', async () => {
    const env = {
      SLACK_BOT_TOKEN: 'xoxb-crash',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_MODE: 'http',
      SLACK_API_URL: slack.url,
      SUPPORT_CHANNEL_ID: 'CCRASH1',
      ADMIN_SLACK_IDS: ADMIN,
      PORT: '0',
      DATABASE_PATH: join(dir, 'crash.db'),
      LOG_LEVEL: 'info',
      // This run is about escalation timers (all made due while the app is down) and report messages: the quiet-claim
      // timers and the wall-clock daily post have their own restart tests (quiet-claim, daily-post).
      QUIET_CLAIM_HOURS: '0',
      DAILY_POST_AT: 'off',
    };
    let random = 42;
    const next = () => (random = (random * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const acknowledged = new Set<string>();
    /** Answers that were not "report sent": a limit or a walk check refused it. There must be none. */
    const refused: string[] = [];
    let submitted = 0;
    // Walks are started through the real request path (/kintone-login opens the troubleshooter); the walk id the
    // app wrote into the modal is read from its views.open call, keyed by the trigger id the command carried.
    const walkOf = new Map<string, number>();
    slack.onCall((call) => {
      if (call.method === 'views.open' && call.status === 200)
        walkOf.set(String(call.args.trigger_id), (JSON.parse(call.args.view.private_metadata) as { w: number }).w);
    });

    let madeDue = 0;
    for (let round = 0; round < ROUNDS; round++) {
      if (round > 0) madeDue += makeTimersDue(env.DATABASE_PATH);
      const app = await startApp(build.main, env);
      const client = new SlackClientSim(`http://127.0.0.1:${app.port}`, SECRET);
      // On duty: reports are assigned to the admin and get escalation timers (acknowledging cancels them).
      if (round === 0)
        expect(
          (await client.slashCommand({ userId: ADMIN, text: 'duty on', responseUrl: slack.responseUrl('duty') }))
            .status,
        ).toBe(200);
      let stop = false;
      let acknowledgedThisRound = 0;
      const load = async (worker: number) => {
        while (!stop) {
          const key = `r${round}w${worker}n${submitted++}`;
          try {
            if (next() < 0.75) {
              // One reporter per report, so no reporter's limits come into it: the troubleshooter is opened, then
              // its form sent with the state a real modal carries for "suspended".
              const reporter = `UREP${key.toUpperCase()}`;
              const trigger = `trig-${key}`;
              const opened = await client.slashCommand({
                userId: reporter,
                text: '',
                triggerId: trigger,
                responseUrl: slack.responseUrl('open'),
              });
              if (opened.status !== 200) continue;
              // The command is answered before the modal opens: wait for it (a kill may mean it never does).
              for (const until = Date.now() + 3000; !walkOf.has(trigger) && Date.now() < until && !stop; )
                await new Promise((resolve) => setTimeout(resolve, 5));
              const walkId = walkOf.get(trigger);
              if (walkId === undefined) continue;
              const res = await client.viewSubmission({
                userId: reporter,
                callbackId: 'login_report',
                viewId: `V${key}`,
                privateMetadata: JSON.stringify({ w: walkId, s: 'suspended', f: {} }),
                values: {
                  login_name: { login_name_input: { value: `user-${key}` } },
                  details: { details_input: { value: null } },
                },
              });
              if (res.status !== 200 || res.body?.response_action !== 'update') continue;
              // In the reporter's language, or in DEFAULT_LOCALE (ja) when users.info did not answer within its budget on a loaded machine.
              if (/has been sent to the administrators|を管理者に送りました/.test(JSON.stringify(res.body.view))) {
                acknowledged.add(`user-${key}`);
                acknowledgedThisRound++;
              } else refused.push(JSON.stringify(res.body.view));
            } else {
              await client.blockAction({
                userId: ADMIN,
                actionId: 'report_ack',
                value: String(1 + Math.floor(next() * 20)),
                responseUrl: slack.responseUrl('ack'),
              });
            }
          } catch {
            // The process was killed mid-request: that request was never acknowledged.
          }
        }
      };
      const workers = Array.from({ length: 4 }, (_, i) => load(i));
      // Every round puts a few reports at stake before the kill, which then lands at a random moment.
      const enough = Date.now() + 20_000;
      while (acknowledgedThisRound < MIN_REPORTS_PER_ROUND && Date.now() < enough)
        await new Promise((resolve) => setTimeout(resolve, 10));
      await new Promise((resolve) => setTimeout(resolve, next() * 600));
      await kill9(app.child);
      stop = true;
      await Promise.all(workers);
    }
    expect(refused).toEqual([]);
    expect(acknowledged.size).toBeGreaterThanOrEqual(ROUNDS * MIN_REPORTS_PER_ROUND);

    // A last, clean run fires what is left and delivers everything still in the outbox.
    madeDue += makeTimersDue(env.DATABASE_PATH);
    const last = await startApp(build.main, env);
    const db = openDatabase(env.DATABASE_PATH);
    const deadline = Date.now() + 60_000;
    const settled = () =>
      !db
        .select()
        .from(outbox)
        .all()
        .some((m) => m.state === 'pending') &&
      db
        .select()
        .from(timers)
        .all()
        .every((t) => t.doneAt !== null);
    while (!settled() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    last.child.kill('SIGTERM');
    await new Promise((resolve) => last.child.once('exit', resolve));

    const stored = db.select().from(reports).all();
    const storedNames = new Set(stored.map((r) => r.loginName));
    const lost = [...acknowledged].filter((name) => !storedNames.has(name));
    expect(lost).toEqual([]);
    expect(stored.every((r) => ['open', 'acknowledged', 'resolved', 'cancelled'].includes(r.state))).toBe(true);

    // Audit: every report has its creation row; every acknowledged report has exactly one acknowledgement row.
    const audit = db.select().from(auditEvents).all();
    const ids = audit.map((a) => a.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    for (const report of stored) {
      expect(audit.filter((a) => a.reportId === report.id && a.type === 'report.created')).toHaveLength(1);
      expect(audit.filter((a) => a.reportId === report.id && a.type === 'report.acknowledge')).toHaveLength(
        report.state === 'acknowledged' ? 1 : 0,
      );
    }

    // Escalations: every timer fired or was cancelled; each fired one escalated its report exactly once (one
    // audit row, one notice in the thread), and a report escalates at most once.
    const allTimers = db.select().from(timers).all();
    expect(allTimers.filter((t) => t.doneAt === null)).toEqual([]);
    const escalations = audit.filter((a) => a.type === 'report.escalated');
    for (const report of stored) {
      const fired = allTimers.filter((t) => t.reportId === report.id && t.outcome === 'fired').length;
      const escalated = escalations.filter((a) => a.reportId === report.id).length;
      expect(escalated, `report #${report.id}`).toBeLessThanOrEqual(1);
      expect(escalated, `report #${report.id}`).toBe(report.escalationLevel > 0 ? fired : 0);
    }
    // The notice is a reply in the report's thread (its root's ts), worded as the catalogues word it.
    const escalationNotices = slack
      .messagesIn('CCRASH1')
      .filter((c) => c.args.thread_ts && c.status === 200 && /全管理者|every admin/.test(String(c.args.text)));
    const threadOf = new Map(stored.map((r) => [r.rootTs, r.id]));
    const noticedIds = new Set(escalationNotices.map((c) => threadOf.get(String(c.args.thread_ts))));
    const escalatedIds = new Set(escalations.map((a) => a.reportId));
    expect([...escalatedIds].filter((id) => !noticedIds.has(id!))).toEqual([]);
    expect([...noticedIds].filter((id) => !escalatedIds.has(id!))).toEqual([]);
    const duplicateEscalationNotices = escalationNotices.length - noticedIds.size;

    // Messages: none lost (all delivered), duplicates only from a kill between Slack's answer and the commit.
    const messages = db.select().from(outbox).all();
    expect(messages.filter((m) => m.state !== 'sent')).toEqual([]);
    const roots = slack.messagesIn('CCRASH1').filter((c) => !c.args.thread_ts && c.status === 200);
    const rootsPerReport = new Map<string, number>();
    for (const root of roots)
      rootsPerReport.set(String(root.args.text), (rootsPerReport.get(String(root.args.text)) ?? 0) + 1);
    expect(stored.every((r) => [...rootsPerReport.keys()].some((text) => text.includes(`#${r.id}:`)))).toBe(true);
    const duplicates = [...rootsPerReport.values()].reduce((n, count) => n + count - 1, 0);
    expect(duplicates).toBeLessThanOrEqual(ROUNDS);
    expect(db.$client.pragma('integrity_check', { simple: true })).toBe('ok');
    db.$client.close();
    console.log(
      `crash safety: ${ROUNDS} kill -9 rounds, ${acknowledged.size} acknowledged submissions (all stored), ${stored.length} reports, ${messages.length} outbox messages delivered, ${duplicates} duplicate root messages; ${madeDue} escalation timers made due, ${escalations.length} escalations fired, ${duplicateEscalationNotices} duplicate escalation notices`,
    );
  }, 300_000); // six rounds of spawn, load and kill -9: minutes on a loaded 2-core machine
});
