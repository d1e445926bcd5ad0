import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { REFRESH_AFTER_MS } from '../../src/slack/user-profiles.js';
import { startHarness, type Harness } from '../helpers/app-harness.js';

const JA_HELP = '/kintone-login の使い方';
const EN_HELP = 'How to use /kintone-login';

describe('a user who switches their Slack language', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });
  beforeEach(() => {
    h.slack.clearFailures();
  });

  const help = async (userId: string) => {
    const res = await h.client.slashCommand({ userId, text: 'help' });
    expect(res.status).toBe(200);
    // The refresh runs after the ack: wait for it to finish before looking at what was called.
    await h.app.idle();
    return String(res.body.text);
  };
  const lookups = (userId: string) => h.slack.callsTo('users.info').filter((c) => c.args.user === userId).length;

  it('is answered in the new language by the command after the refresh window, with one users.info per window', async () => {
    const user = 'ULANGSW01';
    h.slack.setUser(user, { locale: 'ja-JP' });
    expect(await help(user)).toContain(JA_HELP);
    expect(lookups(user)).toBe(1);

    h.slack.setUser(user, { locale: 'en-US' });
    // Within the window: the cached language, and Slack is not asked again however often the user types.
    for (let i = 0; i < 10; i++) {
      h.clock.advance(20_000);
      expect(await help(user)).toContain(JA_HELP);
    }
    expect(lookups(user)).toBe(1);

    // Past the window: this answer is still from the cache (nothing waits on Slack before the ack), then re-read.
    h.clock.advance(REFRESH_AFTER_MS);
    expect(await help(user)).toContain(JA_HELP);
    expect(lookups(user)).toBe(2);
    expect(await help(user)).toContain(EN_HELP);
    expect(await help(user)).toContain(EN_HELP);
    expect(lookups(user)).toBe(2);
  });

  it('asks Slack once for a burst of commands past the window', async () => {
    const user = 'ULANGSW02';
    h.slack.setUser(user, { locale: 'en-US' });
    await help(user);
    h.slack.setUser(user, { locale: 'ja-JP' });
    h.clock.advance(REFRESH_AFTER_MS + 1);
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => h.client.slashCommand({ userId: user, text: 'help' })),
    );
    await h.app.idle();
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(lookups(user)).toBe(2);
    expect(await help(user)).toContain(JA_HELP);
  });

  it('does not hold the ack while the refresh is in flight', async () => {
    const user = 'ULANGSW03';
    h.slack.setUser(user, { locale: 'ja-JP' });
    await help(user);
    h.slack.setUser(user, { locale: 'en-US' });
    h.clock.advance(REFRESH_AFTER_MS);
    h.log.lines.length = 0;

    const release = h.slack.hold('users.info');
    try {
      const res = await h.client.slashCommand({ userId: user, text: 'help' });
      // Answered while Slack has not yet answered users.info (and before the lookup could have timed out).
      expect(res.body.text).toContain(JA_HELP);
      await h.slack.waitFor((c) => c.method === 'users.info' && c.args.user === user);
      expect(h.log.text()).not.toContain('users.info failed');
    } finally {
      release();
    }
    await h.app.idle();
    expect(await help(user)).toContain(EN_HELP);
    expect(lookups(user)).toBe(2);
  });

  it('keeps to one users.info per window while Slack fails, and answers meanwhile from the cache', async () => {
    const user = 'ULANGSW04';
    h.slack.setUser(user, { locale: 'en-US' });
    await help(user);
    h.slack.failAlways('users.info', { error: 'ratelimited', retryAfter: 60 });
    h.clock.advance(REFRESH_AFTER_MS);
    for (let i = 0; i < 5; i++) expect(await help(user)).toContain(EN_HELP);
    expect(lookups(user)).toBe(2);

    h.clock.advance(REFRESH_AFTER_MS);
    h.slack.clearFailures();
    h.slack.setUser(user, { locale: 'ja-JP' });
    await help(user);
    expect(lookups(user)).toBe(3);
    expect(await help(user)).toContain(JA_HELP);
  });

  it('shows App Home in the new language as soon as the tab is opened past the window', async () => {
    const user = 'ULANGSW05';
    h.slack.setUser(user, { locale: 'en-US' });
    const openHome = async () => {
      h.slack.clearCalls();
      const res = await h.client.event({ type: 'app_home_opened', user, channel: 'DHOME', tab: 'home' });
      expect(res.status).toBe(200);
      // Events are acknowledged before the listener runs: wait for what it publishes (any refresh comes first).
      const published = await h.slack.waitFor((c) => c.method === 'views.publish' && c.args.user_id === user);
      return JSON.stringify(published.args.view);
    };
    expect(await openHome()).toContain('Get help');
    h.slack.setUser(user, { locale: 'ja-JP' });
    h.clock.advance(60_000);
    expect(await openHome()).not.toContain('相談を始める');
    expect(h.slack.callsTo('users.info')).toHaveLength(0);

    h.clock.advance(REFRESH_AFTER_MS);
    expect(await openHome()).toContain('相談を始める');
    expect(h.slack.callsTo('users.info')).toHaveLength(1);
    // …and the next command follows it too, without asking Slack again.
    expect(await help(user)).toContain(JA_HELP);
    expect(h.slack.callsTo('users.info')).toHaveLength(1);
  });

  it('re-reads the profile when the messages tab is opened too, without drawing anything', async () => {
    const user = 'ULANGSW06';
    h.slack.setUser(user, { locale: 'en-US' });
    await help(user);
    h.slack.setUser(user, { locale: 'ja-JP' });
    h.clock.advance(REFRESH_AFTER_MS);
    h.slack.clearCalls();
    await h.client.event({ type: 'app_home_opened', user, channel: 'DHOME', tab: 'messages' });
    await h.slack.waitFor((c) => c.method === 'users.info' && c.args.user === user);
    await h.app.idle();
    expect(h.slack.callsTo('users.info')).toHaveLength(1);
    expect(h.slack.callsTo('views.publish')).toHaveLength(0);
    expect(await help(user)).toContain(JA_HELP);
  });
});
