import { describe, expect, it } from 'vitest';
import { adminOnly } from '../../../commands/admin-only.js';
import type { CommandContext } from '../../../commands/types.js';
import { translator } from '../../../src/i18n/index.js';

function ctxFor(userId: string) {
  const answers: (string | undefined)[] = [];
  const ctx = {
    userId,
    t: translator('en'),
    services: { roster: { isAdmin: (id: string) => id === 'UADMIN001' } },
    ack: async (answer?: { text: string }) => void answers.push(answer?.text),
  } as unknown as CommandContext;
  return { ctx, answers };
}

describe('adminOnly: the one admin check of the sub-commands', () => {
  it('lets an admin through without answering', async () => {
    const { ctx, answers } = ctxFor('UADMIN001');
    expect(await adminOnly(ctx)).toBe(true);
    expect(answers).toEqual([]);
  });

  it('answers anyone else with the one refusal (or the wording a sub-command keeps), once', async () => {
    const { ctx, answers } = ctxFor('UOTHER001');
    expect(await adminOnly(ctx)).toBe(false);
    expect(await adminOnly(ctx, 'stats.admins_only')).toBe(false);
    expect(answers).toEqual([translator('en')('admins.only'), translator('en')('stats.admins_only')]);
  });
});
