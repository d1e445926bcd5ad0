import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/app-harness.js';

describe('App Home', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('publishes the home tab in the user’s language, and its button opens the report modal', async () => {
    h.slack.setUser('UHOME0001', { locale: 'ja-JP' });
    const res = await h.client.event({ type: 'app_home_opened', user: 'UHOME0001', channel: 'DHOME', tab: 'home' });
    expect(res.status).toBe(200);
    const published = await h.slack.waitFor((c) => c.method === 'views.publish');
    expect(published.args.user_id).toBe('UHOME0001');
    expect(JSON.stringify(published.args.view)).toContain('相談を始める');

    await h.client.blockAction({ userId: 'UHOME0001', actionId: 'home_start_report', triggerId: 'trig-home' });
    const open = await h.slack.waitFor((c) => c.method === 'views.open');
    expect(open.args).toMatchObject({ trigger_id: 'trig-home', view: { callback_id: 'login_report' } });
  });

  it('ignores the messages tab', async () => {
    h.slack.clearCalls();
    await h.client.event({ type: 'app_home_opened', user: 'UHOME0002', channel: 'DHOME', tab: 'messages' });
    await h.client.slashCommand({ userId: 'UHOME0002', text: 'help' });
    expect(h.slack.callsTo('views.publish')).toHaveLength(0);
  });
});
