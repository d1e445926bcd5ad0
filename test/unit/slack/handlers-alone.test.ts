import { describe, expect, it } from 'vitest';
import type { Report } from '../../../db/schema.js';
import { translator } from '../../../src/i18n/index.js';
import { manualDone } from '../../../src/slack/account-actions/manual-done.js';
import { reveal } from '../../../src/slack/account-actions/reveal.js';
import type { ActionArgs } from '../../../src/slack/dispatcher.js';
import type { Gate, RequestContext } from '../../../src/slack/request-context.js';

/** A request context that records what the handler answered; the gate answers what the test says. */
function fakeContext(p: { gate?: Gate; openView?: string | null } = {}) {
  const replies: string[] = [];
  const opened: unknown[] = [];
  const ctx = {
    userId: 'UREPORTER',
    locale: 'en',
    t: translator('en'),
    services: {} as never,
    gate: () => p.gate ?? { refusal: 'no' },
    requireAdmin: async () => null,
    replyEphemeral: async (text: string) => void replies.push(text),
    openView: async (_trigger: string, view: unknown) => (
      opened.push(view), p.openView === undefined ? 'V1' : p.openView
    ),
    updateView: async () => {},
  } satisfies RequestContext;
  return { ctx, replies, opened };
}

const button = (value: string) =>
  ({ action: { action_id: 'x', value }, body: { trigger_id: 'T1' } }) as unknown as ActionArgs;
const report = { id: 7, remedy: 'manual_reset', loginName: 'sato', updatedAt: 100, state: 'open' } as Report;

describe('a handler runs alone with a fake request context', () => {
  it('manual done: a refused click is answered only to the clicker and records nothing', async () => {
    const recorded: unknown[] = [];
    let kicks = 0;
    const handler = manualDone({
      accountActions: { record: (r: unknown) => (recorded.push(r), { kind: 'recorded' }) } as never,
      outbox: { kick: () => void kicks++ } as never,
    });
    const { ctx, replies } = fakeContext({ gate: { refusal: 'Only kintone-login administrators can do this.' } });
    await handler(button('7'), ctx);
    expect(replies).toEqual(['Only kintone-login administrators can do this.']);
    expect(recorded).toEqual([]);
    expect(kicks).toBe(0);
  });

  it('manual done: records once per report state and wakes the outbox', async () => {
    const recorded: Record<string, unknown>[] = [];
    let kicks = 0;
    const handler = manualDone({
      accountActions: { record: (r: Record<string, unknown>) => (recorded.push(r), { kind: 'recorded' }) } as never,
      outbox: { kick: () => void kicks++ } as never,
    });
    const { ctx, replies } = fakeContext({ gate: { report } });
    await handler(button('7'), ctx);
    expect(recorded).toEqual([
      {
        reportId: 7,
        kind: 'manual',
        remedy: 'manual_reset',
        targetLoginName: 'sato',
        by: 'UREPORTER',
        requestKey: 'manual:7:100',
      },
    ]);
    expect(kicks).toBe(1);
    expect(replies).toEqual([]);
  });

  it('reveal: erased once shown; released (may be pressed again) when the modal could not open', async () => {
    for (const [openView, expected] of [
      ['V1', 'erase'],
      [null, 'release'],
    ] as const) {
      const calls: string[] = [];
      const secrets = {
        claim: () => ({ kind: 'revealed', plaintext: 'Pw-1*x', secret: { actionId: 3 } }),
        erase: () => void calls.push('erase'),
        release: () => void calls.push('release'),
      };
      const handler = reveal({
        deps: { clock: { now: () => 5 } } as never,
        secrets: secrets as never,
        accountActions: { get: () => ({ targetLoginName: 'sato<!here>' }) } as never,
      });
      const { ctx, opened } = fakeContext({ openView });
      await handler(button('9'), ctx);
      expect(calls).toEqual([expected]);
      expect(JSON.stringify(opened)).toContain('sato&lt;!here&gt;');
    }
  });

  it('reveal: someone else’s button is refused ephemerally and nothing opens', async () => {
    const secrets = { claim: () => ({ kind: 'not_yours' }), erase: () => {}, release: () => {} };
    const handler = reveal({
      deps: { clock: { now: () => 5 } } as never,
      secrets: secrets as never,
      accountActions: null,
    });
    const { ctx, replies, opened } = fakeContext();
    await handler(button('9'), ctx);
    expect(replies).toEqual(['This button is not for you.']);
    expect(opened).toEqual([]);
  });
});
