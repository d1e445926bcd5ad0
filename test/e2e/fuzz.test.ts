import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountActions, auditEvents, outbox, reports } from '../../db/schema.js';
import { SECRET_KEY_HEX, SIGNING_SECRET, startHarness, type Harness } from '../helpers/app-harness.js';
import { rawRequest, rawSocket } from '../helpers/raw-http.js';
import { sign } from '../helpers/slack-request.js';
import { Walker } from '../helpers/walker.js';
import { prng } from '../helpers/prng.js';

const CASES = Number(process.env.FUZZ_CASES ?? 2000);
const EDGE_CASES = Number(process.env.FUZZ_EDGE_CASES ?? 800);
// About 30-60 s each when the machine is quiet; on a loaded shared machine, next to the crash test, past 120 s.
const FUZZ_TIMEOUT_MS = 300_000;
const ADMIN = 'UADMINONE';

const ACTION_IDS = [
  'report_ack',
  'report_reassign',
  'report_resolve',
  'report_reset_password',
  'report_unlock',
  'report_resume',
  'report_assign_kintone',
  'report_manual_done',
  'account_action_approve',
  'secret_reveal',
  'tree_answer:suspended',
  'tree_back',
  'tree_fixed',
  'tree_stuck',
  'home_start_report',
  'home_duty_toggle',
  'home_edit_shifts',
  'reporter_back_in',
  'reporter_still_stuck',
  'reporter_fixed_now',
  'nope',
];
const CALLBACKS = [
  'login_report',
  'account_action_confirm',
  'report_reassign_modal',
  'report_resolve_modal',
  'home_shifts_modal',
  'unknown_cb',
];
const WEIRD: unknown[] = [
  null,
  0,
  -1,
  1e308,
  true,
  [],
  {},
  '',
  ' ',
  '💥'.repeat(5000),
  'x'.repeat(200_000),
  '<@U1|x>',
  '{"w":1,"s":"suspended"}',
  '../../etc',
  '1',
  '999999999',
  'NaN',
];

describe('fuzz: mutated real payloads against /slack/events', () => {
  let h: Harness;
  let reportId: number;
  beforeAll(async () => {
    h = await startHarness({
      cybozu: true,
      env: { ADMIN_SLACK_IDS: ADMIN, DEFAULT_LOCALE: 'en', SECRET_ENCRYPTION_KEY: SECRET_KEY_HEX },
    });
    h.cybozu.addUser({ code: 'taro', name: 'Taro', email: 'taro@example.com', services: ['kintone'] });
    const walker = await new Walker(h, 'UREPORTS1').open();
    await walker.choose('suspended');
    await walker.submit('taro');
    await h.deliver();
    reportId = h.db.select().from(reports).get()!.id;
  });
  afterAll(async () => {
    await h.close();
  });

  it(
    `stays up, never answers 5xx, and lets neither unsigned nor signed nonsense change anything (${CASES} cases)`,
    async () => {
      const random = prng(20261125);
      const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
      const mutate = (value: unknown, depth = 0): unknown => {
        if (value === null || typeof value !== 'object' || depth > 4) return random() < 0.3 ? pick(WEIRD) : value;
        const copy: Record<string, unknown> = Array.isArray(value)
          ? ([...value] as never)
          : { ...(value as Record<string, unknown>) };
        for (const key of Object.keys(copy)) {
          const roll = random();
          if (roll < 0.1) delete copy[key];
          else if (roll < 0.25) copy[key] = pick(WEIRD);
          else copy[key] = mutate(copy[key], depth + 1);
        }
        if (random() < 0.1) copy[`extra_${Math.floor(random() * 100)}`] = pick(WEIRD);
        return copy;
      };
      // Outsiders only (never on the roster): whatever they send, no report changes state and no action runs.
      const user = () => ({
        id: pick(['UOUTSIDE1', 'UREPORTS1', 'UOUTSIDE2']),
        username: 'x',
        name: 'x',
        team_id: 'T1',
      });
      const seeds: (() => { body: string; contentType: string })[] = [
        () => ({
          contentType: 'application/x-www-form-urlencoded',
          body: new URLSearchParams(
            Object.fromEntries(
              Object.entries(
                mutate({
                  command: '/kintone-login',
                  text: pick([
                    '',
                    'help',
                    'diagnose taro',
                    'admins add <@UX>',
                    'duty on',
                    'stats',
                    'status',
                    'x'.repeat(3000),
                  ]),
                  user_id: user().id,
                  team_id: 'T1',
                  trigger_id: 't',
                  response_url: 'http://127.0.0.1:1/r',
                  channel_id: 'C1',
                }) as Record<string, unknown>,
              ).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
            ),
          ).toString(),
        }),
        () => ({
          contentType: 'application/x-www-form-urlencoded',
          body: `payload=${encodeURIComponent(JSON.stringify(mutate({ type: 'block_actions', user: user(), team: { id: 'T1' }, api_app_id: 'A1', token: 't', trigger_id: 't', response_url: 'http://127.0.0.1:1/r', container: { type: 'message', channel_id: 'CSUPPORT1', message_ts: '1.1' }, channel: { id: 'CSUPPORT1' }, message: { ts: '1.1' }, actions: [{ action_id: pick(ACTION_IDS), block_id: 'b', value: pick([String(reportId), '1', '2', 'abc', '-5']), type: 'button', action_ts: '1' }] })))}`,
        }),
        () => ({
          contentType: 'application/x-www-form-urlencoded',
          body: `payload=${encodeURIComponent(JSON.stringify(mutate({ type: 'view_submission', user: user(), team: { id: 'T1' }, api_app_id: 'A1', token: 't', trigger_id: 't', view: { id: `V${Math.floor(random() * 1e6)}`, type: 'modal', callback_id: pick(CALLBACKS), hash: 'h', private_metadata: pick(['', '{}', String(reportId), JSON.stringify({ reportId, kind: 'reset_password', loginName: 'taro', identity: 'email_match' }), JSON.stringify({ w: 1, s: 'suspended', f: {} }), '{"w":"x"}']), state: { values: { login_name: { login_name_input: { value: 'taro' } }, assignee: { assignee_select: { selected_user: 'UOUTSIDE1' } }, note: { note_input: { value: 'n' } } } } } })))}`,
        }),
        () => ({
          contentType: 'application/x-www-form-urlencoded',
          body: `payload=${encodeURIComponent(JSON.stringify(mutate({ type: pick(['shortcut', 'view_closed', 'message_action', 'block_suggestion']), user: user(), team: { id: 'T1' }, callback_id: pick(CALLBACKS), trigger_id: 't', view: { id: 'V1', callback_id: 'login_report', private_metadata: '{"w":1,"s":""}' } })))}`,
        }),
        () => ({
          contentType: 'application/json',
          body: JSON.stringify(
            mutate({
              type: 'event_callback',
              team_id: 'T1',
              api_app_id: 'A1',
              event_id: 'Ev1',
              event: { type: pick(['app_home_opened', 'message', 'unknown']), user: user().id, tab: 'home' },
            }),
          ),
        }),
        () => ({
          contentType: pick(['application/json', 'text/plain', 'application/x-www-form-urlencoded']),
          body: pick(['', '{', 'payload=%7B', 'payload=', '[]', 'null', 'a=b&payload=%5B1%5D', '\u0000\u0001']),
        }),
      ];

      const before = {
        reports: h.db
          .select()
          .from(reports)
          .all()
          .map((r) => `${r.id}:${r.state}:${r.assigneeSlackId}`),
        actions: h.db.select().from(accountActions).all().length,
        adminAudit: h.db
          .select()
          .from(auditEvents)
          .all()
          .filter((e) => e.type.startsWith('admin.') || e.type.startsWith('action.')).length,
      };
      const statuses = new Map<number, number>();
      let unsignedChanged = 0;
      const queue = Array.from({ length: CASES }, (_, i) => i);
      const workers = Array.from({ length: 32 }, async () => {
        for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
          const { body, contentType } = pick(seeds)();
          const signed = random() < 0.7;
          const auditBefore = signed ? 0 : h.db.select({ n: sql<number>`count(*)` }).from(auditEvents).get()!.n;
          const res = await h.client.raw(body, {
            contentType,
            signed,
            ...(random() < 0.05 ? { signature: 'v0=00' } : {}),
          });
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          expect(res.status, `case ${i}: ${body.slice(0, 200)}`).toBeLessThan(500);
          if (!signed) {
            expect(res.status).toBe(401);
            if (h.db.select({ n: sql<number>`count(*)` }).from(auditEvents).get()!.n !== auditBefore) unsignedChanged++;
          }
        }
      });
      await Promise.all(workers);
      await h.app.idle();
      await h.deliver();

      expect(unsignedChanged).toBe(0);
      expect(
        h.db
          .select()
          .from(reports)
          .all()
          .filter((r) => r.id <= reportId)
          .map((r) => `${r.id}:${r.state}:${r.assigneeSlackId}`),
      ).toEqual(before.reports);
      expect(h.db.select().from(accountActions).all()).toHaveLength(before.actions);
      expect(
        h.db
          .select()
          .from(auditEvents)
          .all()
          .filter((e) => e.type.startsWith('admin.') || e.type.startsWith('action.')),
      ).toHaveLength(before.adminAudit);
      expect(h.db.$client.pragma('integrity_check', { simple: true })).toBe('ok');
      expect((await fetch(`${h.baseUrl}/healthz`)).status).toBe(200);
      console.log(`fuzz: ${CASES} cases, answers by status: ${JSON.stringify(Object.fromEntries(statuses))}`);
    },
    FUZZ_TIMEOUT_MS,
  );
  it(
    `answers any path, method and body with a 4xx or a real answer, never a 5xx, and nonsense changes nothing (${EDGE_CASES} cases)`,
    async () => {
      const random = prng(20261212);
      const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
      const FIXED_PATHS = [
        '/',
        '/favicon.ico',
        '/slack/events',
        '/slack/events/',
        '//slack/events',
        '/slack/./events',
        '/slack/%2e/events',
        '/slack/events?x',
        '/healthz',
        '/healthz?x',
        '/healthz/',
        '/oidc/callback',
        '/%00',
        '/slack/events%00',
        `/${'long/'.repeat(1500)}`,
        '/slack%2Fevents',
        '/..',
        '/../slack/events',
        '*',
      ];
      const SEGMENTS = [
        'slack',
        'events',
        'healthz',
        'oidc',
        'callback',
        '.',
        '..',
        '',
        '%2e',
        '%2E%2e',
        '%00',
        '%2F',
        '%',
        '%zz',
        'favicon.ico',
        '%F0%9F%92%A5',
        'x'.repeat(300),
      ];
      const randomPath = () => {
        if (random() < 0.5) return pick(FIXED_PATHS);
        const segments = Array.from({ length: 1 + Math.floor(random() * 5) }, () => pick(SEGMENTS));
        return `/${segments.join('/')}${pick(['', '', '?', '?x=1', '?ssl_check=1', '#f', '/'])}`;
      };
      const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'BREW', 'PROPFIND'];
      const help = new URLSearchParams({
        command: '/kintone-login',
        text: 'help',
        user_id: 'UOUTSIDE1',
        team_id: 'T1',
        trigger_id: 't',
        response_url: 'http://127.0.0.1:1/r',
        channel_id: 'C1',
      }).toString();
      const BODIES = [
        '',
        'null',
        '{}',
        '[]',
        '7',
        '"s"',
        'true',
        '{',
        'payload=null',
        'payload=%5B%5D',
        'payload=a&payload=b',
        'ssl_check=1',
        `ssl_check=1&payload=${encodeURIComponent('{"type":"block_actions"}')}`,
        '{"type":"url_verification","challenge":"c"}',
        help,
        '\u0000\u00ff',
        'x'.repeat(70_000),
      ];
      const CONTENT_TYPES = [
        'application/x-www-form-urlencoded',
        'application/json',
        'text/plain',
        'application/x-www-form-urlencoded; charset=utf-8',
        '',
      ];
      const GARBAGE_LINES = [
        'G E T / HTTP/1.1',
        'GET / HTTP/1.1 extra',
        '\u0000\u0001\u0002',
        'GET //[ HTTP/1.1',
        'POST http://x/slack/events HTTP/1.1',
        'GET / HTTP/0.9',
        ' / HTTP/1.1',
        'GET\t/\tHTTP/1.1',
        'GET /💥 HTTP/1.1',
      ];

      const count = () => ({
        reports: h.db
          .select()
          .from(reports)
          .all()
          .map((r) => `${r.id}:${r.state}:${r.assigneeSlackId}`),
        actions: h.db.select().from(accountActions).all().length,
        audit: h.db.select({ n: sql<number>`count(*)` }).from(auditEvents).get()!.n,
        outbox: h.db.select({ n: sql<number>`count(*)` }).from(outbox).get()!.n,
      });
      const before = count();
      const statuses = new Map<string, number>();
      const queue = Array.from({ length: EDGE_CASES }, (_, i) => i);
      const workers = Array.from({ length: 16 }, async () => {
        for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
          if (random() < 0.05) {
            const line = pick(GARBAGE_LINES);
            const answer = await rawSocket(h.baseUrl, `${line}\r\nHost: x\r\nConnection: close\r\n\r\n`);
            expect(answer, `case ${i}: ${JSON.stringify(line)}`).not.toMatch(/^HTTP\/1\.[01] 5/);
            statuses.set('raw', (statuses.get('raw') ?? 0) + 1);
            continue;
          }
          const method = random() < 0.3 ? 'POST' : pick(METHODS);
          const path = randomPath();
          const body = method === 'GET' || method === 'HEAD' ? (random() < 0.2 ? pick(BODIES) : '') : pick(BODIES);
          const contentType = pick(CONTENT_TYPES);
          const signed = random() < 0.6;
          const headers: Record<string, string> = {
            ...(contentType ? { 'content-type': contentType } : {}),
            ...(signed ? sign(SIGNING_SECRET, body) : {}),
          };
          if (random() < 0.1)
            headers.authorization = pick(['Bearer x', 'Bearer test-health-token ', 'Basic Zm9v', 'Bearer']);
          const res = await rawRequest(h.baseUrl, { method, path, headers, ...(body ? { body } : {}) });
          const label = `case ${i}: ${method} ${path.slice(0, 80)} ${signed ? 'signed' : 'unsigned'} ${contentType} ${body.slice(0, 80)}`;
          expect(res.status, label).toBeLessThan(500);
          expect(res.status, label).toBeGreaterThanOrEqual(200);
          statuses.set(String(res.status), (statuses.get(String(res.status)) ?? 0) + 1);
        }
      });
      await Promise.all(workers);
      await h.app.idle();
      await h.deliver();

      expect(count()).toEqual(before);
      expect(h.db.$client.pragma('integrity_check', { simple: true })).toBe('ok');
      expect((await rawRequest(h.baseUrl, { path: '/healthz' })).status).toBe(200);
      console.log(
        `fuzz (edge): ${EDGE_CASES} cases, answers by status: ${JSON.stringify(Object.fromEntries(statuses))}`,
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});
