import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/app-harness.js';
import { BUTTON, IDENTITY_CHECKED, reportThread } from '../helpers/report-thread.js';
import { Walker } from '../helpers/walker.js';

const ADMIN = 'UADMINONE';
const REPORTER = 'UREPORTER1';
const TOKEN = 'test-health-token';

/** Parses the Prometheus text format into `name{labels}` → value (labels as written, sorted by prom-client). */
function parse(text: string): Map<string, number> {
  const values = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    values.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return values;
}

describe('GET /metrics', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ cybozu: true, env: { ADMIN_SLACK_IDS: ADMIN, DEFAULT_LOCALE: 'en' } });
    h.cybozu.addUser({ code: 'taro', name: 'Yamada Taro', email: 'taro@example.com', services: ['kintone'] });
    h.slack.setUser(REPORTER, { email: 'taro@example.com', locale: 'en-US' });
    h.slack.setUser(ADMIN, { email: 'admin@example.com', locale: 'en-US' });
  });
  afterEach(async () => {
    await h.close();
  });

  const scrape = async (headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }) =>
    fetch(`${h.baseUrl}/metrics`, { headers });

  it('answers 401 without the HEALTH_TOKEN bearer, and shows nothing', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { authorization: 'Bearer wrong-token-wrong-token' },
      { authorization: TOKEN },
    ];
    for (const headers of attempts) {
      const res = await scrape(headers);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
      expect(await res.text()).toBe('');
    }
    const post = await fetch(`${h.baseUrl}/metrics`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(post.status).toBe(405);
  });

  it('counts a report flow: created, acknowledged and resolved with their times, self-help, an account action and the calls behind them', async () => {
    const before = parse(await (await scrape()).text());
    expect(before.get('kintone_login_reports_created_total{remedy="reset_password"}') ?? 0).toBe(0);

    // Self-help that worked.
    const selfHelp = await new Walker(h, 'USELFHELP1').open();
    for (const answer of ['login_error', 'incorrect', 'typed_right']) await selfHelp.choose(answer);
    await selfHelp.fixed();

    // A report, taken 90 s later, a password reset, resolved an hour after the report.
    const d = reportThread(h);
    const report = await d.report('reset_password', 'taro', REPORTER);
    h.clock.advance(90_000);
    await d.press(ADMIN, 'report_ack', report.id);
    await d.press(ADMIN, BUTTON.reset_password, report.id);
    await d.confirm(ADMIN, IDENTITY_CHECKED);
    expect(d.puts().length).toBe(1);
    h.clock.advance(3_600_000 - 90_000);
    await d.resolve(ADMIN, report.id);

    const res = await scrape();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const after = parse(await res.text());
    expect(after.get('kintone_login_reports_created_total{remedy="reset_password"}')).toBe(1);
    expect(after.get('kintone_login_walks_finished_total{outcome="reported"}')).toBe(1);
    expect(after.get('kintone_login_walks_finished_total{outcome="self_resolved"}')).toBe(1);
    expect(after.get('kintone_login_reports_closed_total{remedy="reset_password",outcome="resolved"}')).toBe(1);
    expect(after.get('kintone_login_account_actions_total{kind="reset_password",outcome="succeeded"}')).toBe(1);
    // 90 s to acknowledge: in the 120 s bucket, not the 60 s one; resolved after exactly an hour.
    expect(after.get('kintone_login_report_time_to_acknowledge_seconds_bucket{le="60",remedy="reset_password"}')).toBe(
      0,
    );
    expect(after.get('kintone_login_report_time_to_acknowledge_seconds_bucket{le="120",remedy="reset_password"}')).toBe(
      1,
    );
    expect(after.get('kintone_login_report_time_to_acknowledge_seconds_sum{remedy="reset_password"}')).toBe(90);
    expect(after.get('kintone_login_report_time_to_resolve_seconds_sum{remedy="reset_password"}')).toBe(3600);
    // The calls behind it: Slack by method, the User API by method and path.
    expect(
      after.get('kintone_login_slack_api_call_duration_seconds_count{method="chat.postMessage"}'),
    ).toBeGreaterThanOrEqual(3);
    expect(
      after.get('kintone_login_slack_api_call_duration_seconds_count{method="views.open"}'),
    ).toBeGreaterThanOrEqual(2);
    expect(after.get('kintone_login_cybozu_api_call_duration_seconds_count{method="PUT /v1/users.json"}')).toBe(1);
    expect(after.get('kintone_login_outbox_pending')).toBe(0);
    expect(after.has('kintone_login_scheduler_lag_seconds')).toBe(true);
    // Nothing is being handled between requests, and nothing waits.
    expect(after.get('kintone_login_requests_in_flight')).toBe(0);
    expect(after.get('kintone_login_requests_waiting')).toBe(0);

    // A scrape counts each event once.
    const again = parse(await (await scrape()).text());
    expect(again.get('kintone_login_reports_created_total{remedy="reset_password"}')).toBe(1);
  });

  it('counts Slack errors by method and error, and shows the outbox backlog and its age', async () => {
    h.slack.fail('chat.postMessage', { error: 'channel_not_found' });
    const d = reportThread(h);
    await d.report('resume', 'taro', REPORTER);
    const failed = parse(await (await scrape()).text());
    expect(
      failed.get('kintone_login_slack_api_errors_total{method="chat.postMessage",error="channel_not_found"}'),
    ).toBe(1);

    h.slack.failAlways('chat.postMessage', { status: 503 });
    await d.report('unlock', 'taro', 'UREPORTER2');
    h.clock.advance(120_000);
    const backlog = parse(await (await scrape()).text());
    expect(backlog.get('kintone_login_outbox_pending')).toBeGreaterThan(0);
    expect(backlog.get('kintone_login_outbox_oldest_pending_age_seconds')).toBeGreaterThanOrEqual(120);
    expect(
      backlog.get('kintone_login_slack_api_errors_total{method="chat.postMessage",error="http_503"}'),
    ).toBeGreaterThan(0);
    h.slack.clearFailures();
  });

  it('is a registry of each app: two apps in one process count apart', async () => {
    const other = await startHarness();
    try {
      await new Walker(other, 'UOTHER1').open().then(async (w) => {
        for (const answer of ['login_error', 'incorrect', 'typed_right']) await w.choose(answer);
        await w.fixed();
      });
      const mine = parse(await (await scrape()).text());
      expect(mine.get('kintone_login_walks_finished_total{outcome="self_resolved"}') ?? 0).toBe(0);
      const theirs = parse(
        await (await fetch(`${other.baseUrl}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text(),
      );
      expect(theirs.get('kintone_login_walks_finished_total{outcome="self_resolved"}')).toBe(1);
    } finally {
      await other.close();
    }
  });
});

describe('GET /metrics without HEALTH_TOKEN', () => {
  it('is not there (404), like the details of /healthz', async () => {
    const h = await startHarness({ env: { HEALTH_TOKEN: '' } });
    try {
      expect((await fetch(`${h.baseUrl}/metrics`)).status).toBe(404);
      expect(
        (await fetch(`${h.baseUrl}/metrics`, { headers: { authorization: 'Bearer test-health-token' } })).status,
      ).toBe(404);
    } finally {
      await h.close();
    }
  });
});
