import { describe, expect, it } from 'vitest';
import { translator } from '../../../src/i18n/index.js';
import type { ActionArgs } from '../../../src/slack/dispatcher.js';
import { dismissChannelReply } from '../../../src/slack/intake/listen-not-this.js';
import type { RequestContext } from '../../../src/slack/request-context.js';
import type { SlackServices } from '../../../src/slack/services.js';

/** One handler alone: fake services and a fake request context record what it did and answered. */
function setUp(p: { clicker: string; admins?: string[] }) {
  const dismissed: { id: number; by: string; now: number }[] = [];
  const ephemeral: string[] = [];
  const responded: Record<string, unknown>[] = [];
  const services = {
    deps: { clock: { now: () => 42_000 } },
    roster: { isAdmin: (id: string) => (p.admins ?? []).includes(id) },
    listening: {
      reply: (id: number) => (id === 7 ? { id: 7, slackUserId: 'UPOSTER01' } : undefined),
      dismiss: (id: number, by: string, now: number) => dismissed.push({ id, by, now }) > 0,
    },
  } as unknown as Pick<SlackServices, 'deps' | 'listening' | 'roster'>;
  const t = translator('en');
  const ctx = {
    userId: p.clicker,
    locale: 'en',
    t,
    replyEphemeral: async (text: string) => void ephemeral.push(text),
  } as unknown as RequestContext;
  const click = (value: string) =>
    dismissChannelReply(services)(
      {
        action: { value },
        respond: async (m: Record<string, unknown>) => void responded.push(m),
      } as unknown as ActionArgs,
      ctx,
    );
  return { click, dismissed, ephemeral, responded, t };
}

describe('"Not this" under a help-channel reply, run alone with a fake request context', () => {
  it('takes the reply back for the person it was meant for, replacing it', async () => {
    const { click, dismissed, ephemeral, responded, t } = setUp({ clicker: 'UPOSTER01' });
    await click('7');
    expect(dismissed).toEqual([{ id: 7, by: 'UPOSTER01', now: 42_000 }]);
    expect(responded).toEqual([{ replace_original: true, text: t('listen.dismissed') }]);
    expect(ephemeral).toEqual([]);
  });

  it('lets an admin take it back too', async () => {
    const { click, dismissed } = setUp({ clicker: 'UADMIN001', admins: ['UADMIN001'] });
    await click('7');
    expect(dismissed).toHaveLength(1);
  });

  it('tells anyone else, or a forged id, that it is not theirs, and changes nothing', async () => {
    for (const value of ['7', '8', 'x', '-1']) {
      const { click, dismissed, ephemeral, responded, t } = setUp({ clicker: 'USOMEONE1' });
      await click(value);
      expect(dismissed).toEqual([]);
      expect(responded).toEqual([]);
      expect(ephemeral).toEqual([t('listen.not_yours')]);
    }
  });
});
