import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outbox } from '../../db/schema.js';
import { enqueueDm, enqueuePost, enqueueThreadReply, enqueueUpdate } from '../../src/outbox/outbox.js';
import { startHarness, SUPPORT_CHANNEL, type Harness } from '../helpers/app-harness.js';

describe('outbox delivery to Slack', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    h.slack.clearCalls();
  });
  afterEach(async () => {
    await h.close();
  });

  const states = () => h.db.select({ id: outbox.id, state: outbox.state, error: outbox.lastError }).from(outbox).all();
  const rootWithDm = () => {
    const now = h.clock.now();
    const root = enqueuePost(h.db, { channel: SUPPORT_CHANNEL, message: { text: 'root' }, now });
    const dm = enqueueDm(h.db, { userId: 'UREP1', message: { text: 'see {permalink}' }, linkTo: root, now });
    return { root, dm };
  };

  it('waits for Retry-After on a rate limit, then delivers exactly once', async () => {
    h.slack.fail('chat.postMessage', { error: 'ratelimited', retryAfter: 7 });
    rootWithDm();
    await h.deliver();
    expect(h.slack.callsTo('chat.postMessage')).toHaveLength(1);
    expect(states().map((s) => s.state)).toEqual(['pending', 'pending']);

    h.clock.advance(6_000);
    await h.deliver();
    expect(h.slack.callsTo('chat.postMessage')).toHaveLength(1);

    h.clock.advance(1_000);
    await h.deliver();
    const posted = h.slack.callsTo('chat.postMessage').filter((c) => c.status === 200);
    expect(posted.map((c) => c.args.text)).toEqual([
      'root',
      expect.stringContaining('https://fake.slack.test/archives/'),
    ]);
    expect(states().map((s) => s.state)).toEqual(['sent', 'sent']);
  });

  it("opens a user's DM once and posts every later DM to the same channel", async () => {
    const now = h.clock.now();
    enqueueDm(h.db, { userId: 'UREP1', message: { text: 'first' }, now });
    enqueueDm(h.db, { userId: 'UREP1', message: { text: 'second' }, now });
    enqueueDm(h.db, { userId: 'UREP2', message: { text: 'other' }, now });
    await h.deliver();
    expect(h.slack.callsTo('conversations.open').map((c) => c.args.users)).toEqual(['UREP1', 'UREP2']);
    const posted = h.slack.callsTo('chat.postMessage').map((c) => [c.args.text, c.args.channel]);
    expect(posted[0]![1]).toBe(posted[1]![1]);
    expect(posted.map((p) => p[0])).toEqual(['first', 'second', 'other']);
    expect(posted[2]![1]).not.toBe(posted[0]![1]);
  });

  it('backs off on 5xx and dropped connections and delivers everything afterwards, once each', async () => {
    h.slack.fail('chat.postMessage', { status: 500 }, 2);
    h.slack.fail('conversations.open', { drop: true });
    rootWithDm();
    for (let i = 0; i < 10; i++) {
      await h.deliver();
      h.clock.advance(60_000);
    }
    const delivered = h.slack.callsTo('chat.postMessage').filter((c) => c.status === 200);
    expect(delivered).toHaveLength(2);
    expect(states().map((s) => s.state)).toEqual(['sent', 'sent']);
  });

  it('marks a permanent error failed, fails what depended on it, logs it and shows it in /healthz', async () => {
    h.slack.fail('chat.postMessage', { error: 'channel_not_found' });
    const { root, dm } = rootWithDm();
    await h.deliver();
    expect(states()).toEqual([
      { id: root, state: 'failed', error: 'channel_not_found' },
      { id: dm, state: 'failed', error: `dependency_failed:${root}` },
    ]);
    const errorLine = h.log.entries.find((e) => e.msg === 'slack message failed permanently');
    expect(errorLine).toMatchObject({ level: 50, outboxId: root, error: 'channel_not_found' });

    const health = (await (
      await fetch(`${h.baseUrl}/healthz`, { headers: { authorization: 'Bearer test-health-token' } })
    ).json()) as { outbox: { failed: number; recentFailures: { id: number }[] } };
    expect(health.outbox.failed).toBe(2);
    expect(health.outbox.recentFailures.map((f) => f.id)).toContain(root);
    // Nothing is retried later.
    h.clock.advance(3_600_000);
    await h.deliver();
    expect(h.slack.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('rides out a Slack outage of rate limits, 500s and dropped connections: everything delivered once afterwards', async () => {
    const now = h.clock.now();
    for (let i = 0; i < 20; i++) {
      const root = enqueuePost(h.db, { channel: SUPPORT_CHANNEL, message: { text: `root ${i}` }, now });
      enqueueDm(h.db, { userId: `UREP${i}`, message: { text: `dm ${i} {permalink}` }, linkTo: root, now });
    }
    const faults = [{ error: 'ratelimited', retryAfter: 2 }, { status: 500 }, { drop: true as const }, { status: 503 }];
    for (let round = 0; round < 12; round++) {
      for (const method of ['chat.postMessage', 'conversations.open', 'chat.getPermalink'])
        h.slack.fail(method, faults[round % faults.length]!, 3);
      await h.deliver();
      h.clock.advance(30_000);
    }
    h.slack.clearFailures();
    for (let i = 0; i < 20; i++) {
      await h.deliver();
      h.clock.advance(5 * 60_000);
    }
    const delivered = h.slack
      .callsTo('chat.postMessage')
      .filter((c) => c.status === 200)
      .map((c) => String(c.args.text));
    expect(delivered.filter((t) => t.startsWith('root'))).toHaveLength(20);
    expect(new Set(delivered).size).toBe(delivered.length);
    expect(
      delivered.filter((t) => t.startsWith('dm')).every((t) => t.includes('https://fake.slack.test/archives/')),
    ).toBe(true);
    expect(states().every((m) => m.state === 'sent')).toBe(true);
  });

  it('tells the admins by DM when a message can never be delivered, and does not loop when that DM fails too', async () => {
    h.app.services.roster.bootstrap(['UADMIN001'], h.clock.now());
    h.slack.fail('chat.postMessage', { error: 'channel_not_found' });
    rootWithDm();
    await h.deliver();
    const alert = h.slack.callsTo('chat.postMessage').find((c) => c.args.channel === 'DUADMIN001')!;
    expect(alert.args.text).toContain('channel_not_found');
    expect(alert.args.text).toContain(SUPPORT_CHANNEL);

    h.slack.failAlways('chat.postMessage', { error: 'not_in_channel' });
    rootWithDm();
    await h.deliver();
    h.clock.advance(60_000);
    await h.deliver();
    expect(
      h.db
        .select()
        .from(outbox)
        .all()
        .filter((m) => m.role === 'alert'),
    ).toHaveLength(2);
  });

  it('posts thread replies in the root message’s thread, in order, and updates the root message', async () => {
    const now = h.clock.now();
    const root = enqueuePost(h.db, { channel: SUPPORT_CHANNEL, message: { text: 'root' }, now });
    enqueueThreadReply(h.db, { parentId: root, channel: SUPPORT_CHANNEL, message: { text: 'first' }, now });
    enqueueThreadReply(h.db, { parentId: root, channel: SUPPORT_CHANNEL, message: { text: 'second' }, now });
    enqueueUpdate(h.db, { of: root, channel: SUPPORT_CHANNEL, message: { text: 'root, updated' }, now });
    h.slack.fail('chat.postMessage', { error: 'ratelimited', retryAfter: 1 });
    await h.deliver();
    h.clock.advance(1_000);
    await h.deliver();

    const posts = h.slack.callsTo('chat.postMessage').filter((c) => c.status === 200);
    const rootTs = posts[0]!.response.ts as string;
    expect(posts.map((c) => [c.args.text, c.args.thread_ts])).toEqual([
      ['root', undefined],
      ['first', rootTs],
      ['second', rootTs],
    ]);
    expect(h.slack.callsTo('chat.update')[0]!.args).toMatchObject({
      channel: SUPPORT_CHANNEL,
      ts: rootTs,
      text: 'root, updated',
    });
  });

  it('delivers what was pending before a restart, without repeating what was sent', async () => {
    const now = h.clock.now();
    enqueuePost(h.db, { channel: SUPPORT_CHANNEL, message: { text: 'one' }, now });
    await h.deliver();
    h.slack.failAlways('chat.postMessage', { status: 503 });
    enqueuePost(h.db, { channel: SUPPORT_CHANNEL, message: { text: 'two' }, now });
    await h.deliver();
    await h.restart();
    h.slack.clearFailures();
    h.clock.advance(10 * 60_000);
    await h.deliver();
    const delivered = h.slack
      .callsTo('chat.postMessage')
      .filter((c) => c.status === 200)
      .map((c) => c.args.text);
    expect(delivered).toEqual(['one', 'two']);
  });
});
