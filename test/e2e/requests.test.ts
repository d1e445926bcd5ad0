import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditEvents, outbox, reports } from '../../db/schema.js';
import { SIGNING_SECRET, startHarness, type Harness } from '../helpers/app-harness.js';
import { sign } from '../helpers/slack-request.js';

const USER = 'UASKER01';

describe('slash command answers, signatures and malformed requests', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });
  beforeEach(() => {
    h.slack.clearCalls();
    h.slack.clearFailures();
  });

  const nothingWritten = () => {
    expect(h.db.select().from(reports).all()).toHaveLength(0);
    expect(h.db.select().from(outbox).all()).toHaveLength(0);
    expect(h.db.select().from(auditEvents).all()).toHaveLength(0);
  };

  it('answers `help` with the usage in Japanese for a Japanese user, ephemerally, in the ack', async () => {
    h.slack.setUser(USER, { locale: 'ja-JP' });
    const res = await h.client.slashCommand({ userId: USER, text: 'help' });
    expect(res.status).toBe(200);
    expect(res.body.response_type).toBe('ephemeral');
    expect(res.body.text).toContain('/kintone-login の使い方');
    expect(res.body.text).toContain('`/kintone-login report`');
    expect(h.slack.callsTo('views.open')).toHaveLength(0);
  });

  it('answers unknown text with what was not understood and the usage, in English for an English user', async () => {
    const other = 'UENGLISH1';
    h.slack.setUser(other, { locale: 'en-US' });
    const res = await h.client.slashCommand({ userId: other, text: 'frobnicate <!here> now' });
    expect(res.body.response_type).toBe('ephemeral');
    expect(res.body.text).toContain('I did not understand "frobnicate &lt;!here&gt; now".');
    expect(res.body.text).toContain('How to use /kintone-login');
  });

  it('falls back to DEFAULT_LOCALE (ja) when Slack reports another language', async () => {
    const other = 'UFRENCH01';
    h.slack.setUser(other, { locale: 'fr-FR' });
    const res = await h.client.slashCommand({ userId: other, text: 'HELP' });
    expect(res.body.text).toContain('使い方');
  });

  it('still answers, in the default language, when users.info fails', async () => {
    const other = 'UNOINFO01';
    h.slack.fail('users.info', { status: 500 });
    const res = await h.client.slashCommand({ userId: other, text: 'help' });
    expect(res.status).toBe(200);
    expect(res.body.text).toContain('使い方');
  });

  it('caches the Slack locale: a second command does not call users.info again', async () => {
    const other = 'UCACHED01';
    await h.client.slashCommand({ userId: other, text: 'help' });
    await h.client.slashCommand({ userId: other, text: 'help' });
    expect(h.slack.callsTo('users.info').filter((c) => c.args.user === other)).toHaveLength(1);
  });

  it('tells the user when the modal cannot be opened', async () => {
    h.slack.setUser(USER, { locale: 'en-US' });
    h.slack.fail('views.open', { error: 'expired_trigger_id' });
    const responseUrl = h.slack.responseUrl('modal-fail');
    await h.client.slashCommand({ userId: 'UMODAL001', text: 'report', responseUrl });
    const answer = await h.slack.waitFor((c) => c.method === 'response_url');
    expect(JSON.stringify(answer.args)).toMatch(/could not be opened|開けませんでした/);
  });

  it('refuses a request with a bad signature and writes nothing', async () => {
    const body = new URLSearchParams({
      command: '/kintone-login',
      text: 'help',
      user_id: USER,
      trigger_id: 't',
    }).toString();
    const res = await h.client.raw(body, {
      contentType: 'application/x-www-form-urlencoded',
      signature: 'v0=deadbeef',
    });
    expect(res.status).toBe(401);
    nothingWritten();
  });

  it('refuses a correctly signed but stale request (replay) and writes nothing', async () => {
    const payload = JSON.stringify({
      type: 'view_submission',
      user: { id: USER },
      view: { id: 'VOLD', callback_id: 'login_report', state: { values: {} } },
    });
    const body = `payload=${encodeURIComponent(payload)}`;
    const res = await h.client.raw(body, {
      contentType: 'application/x-www-form-urlencoded',
      timestampSec: Math.floor(Date.now() / 1000) - 10 * 60,
    });
    expect(res.status).toBe(401);
    nothingWritten();
  });

  it('refuses an unsigned request', async () => {
    const res = await h.client.raw('command=%2Fkintone-login&text=help', {
      contentType: 'application/x-www-form-urlencoded',
      signed: false,
    });
    expect(res.status).toBe(401);
  });

  it('answers 400 to a signed payload that is not JSON, and keeps running', async () => {
    const res = await h.client.raw('payload=%7Bnot-json', { contentType: 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(400);
    nothingWritten();
    const health = await fetch(`${h.baseUrl}/healthz`);
    expect(health.status).toBe(200);
  });

  it('answers a signed view submission with missing fields and no walk state with a clear screen, not a crash', async () => {
    const payload = JSON.stringify({
      type: 'view_submission',
      team: { id: 'T1' },
      user: { id: USER },
      api_app_id: 'A1',
      view: { id: 'VBROKEN', callback_id: 'login_report', type: 'modal' },
    });
    const body = `payload=${encodeURIComponent(payload)}`;
    const res = await fetch(`${h.baseUrl}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...sign(SIGNING_SECRET, body) },
      body,
    });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { response_action: string; view: unknown };
    expect(answer.response_action).toBe('update');
    expect(JSON.stringify(answer.view)).toMatch(/out of date|古くなっています/);
    nothingWritten();
  });

  it('acknowledges a signed click on an unknown button at once and changes nothing', async () => {
    const res = await h.client.blockAction({ userId: USER, actionId: 'no_such_button', value: '42' });
    expect(res.status).toBe(200);
    nothingWritten();
  });

  it('serves /healthz with the database and outbox state to a caller with HEALTH_TOKEN', async () => {
    const res = await fetch(`${h.baseUrl}/healthz`, { headers: { authorization: 'Bearer test-health-token' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, db: 'ok', state: 'running', outbox: { pending: 0, failed: 0 } });
  });
});
