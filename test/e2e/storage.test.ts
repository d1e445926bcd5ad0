import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reports } from '../../db/schema.js';
import { startHarness, type Harness } from '../helpers/app-harness.js';
import { Walker } from '../helpers/walker.js';

describe('storage failures: clear errors, /healthz 503, recovery when fixed', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ env: { DEFAULT_LOCALE: 'en' } });
    h.slack.setUser('UREPORTS1', { locale: 'en-US' });
  });
  afterEach(async () => {
    h.db.$client.pragma('query_only = OFF');
    await h.close();
  });

  const health = async () => {
    const res = await fetch(`${h.baseUrl}/healthz`, { headers: { authorization: 'Bearer test-health-token' } });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const reportForm = async () => {
    const walker = await new Walker(h, 'UREPORTS1').open();
    await walker.choose('suspended');
    return walker;
  };

  it('reports the outbox, scheduler and directory state when healthy', async () => {
    const { status, body } = await health();
    expect(status).toBe(200);
    expect(body).toMatchObject({
      ok: true,
      db: 'ok',
      outbox: { pending: 0, failed: 0 },
      scheduler: { late: false },
      directory: 'not_configured',
    });
  });

  it('a read-only database: 503, the user is told their report was not saved, and all is well once writable again', async () => {
    const walker = await reportForm();
    h.db.$client.pragma('query_only = ON');
    expect(await health()).toMatchObject({ status: 503, body: { ok: false, db: 'error' } });
    const refused = await walker.submit('taro');
    expect(refused.body).toMatchObject({
      response_action: 'errors',
      errors: { login_name: expect.stringContaining('could not be saved') },
    });

    h.db.$client.pragma('query_only = OFF');
    expect((await health()).status).toBe(200);
    // The same form, submitted again: nothing was lost in between.
    const accepted = await walker.submit('taro');
    expect(accepted.body.response_action).toBe('update');
    expect(h.db.select().from(reports).all()).toHaveLength(1);
  });

  it('a full disk (page limit reached): 503, no silent loss, then recovery', async () => {
    const walker = await reportForm();
    h.db.$client.exec('CREATE TABLE filler (x BLOB)');
    const pages = Number(h.db.$client.pragma('page_count', { simple: true }));
    h.db.$client.pragma(`max_page_count = ${pages + 2}`);
    // Fill every free byte, as a full disk would.
    try {
      for (;;) h.db.$client.prepare('INSERT INTO filler VALUES (zeroblob(512))').run();
    } catch (error) {
      expect((error as { code?: string }).code).toBe('SQLITE_FULL');
    }
    expect((await health()).status).toBe(503);
    // A small report may still fit in a half-empty page; either it is stored, or the user is told it was not.
    const answer = await walker.submit('taro');
    if (answer.body.response_action === 'errors') expect(answer.body.errors.login_name).toContain('could not be saved');
    else expect(h.db.select().from(reports).all()).toHaveLength(1);
    h.db.$client.pragma('max_page_count = 1073741823');
    expect((await health()).status).toBe(200);
    expect((await walker.submit('taro')).body.response_action).toBe('update');
    expect(h.db.select().from(reports).all()).toHaveLength(1);
  });
});
