import type { MessageKey } from '../src/i18n/index.js';
import type { CommandContext } from './types.js';

/**
 * The admin check of the sub-commands for admins, on the roster as it is now: true, or false once the refusal is
 * the command's answer. `stats` keeps its own wording (its refusal text is part of the tested behaviour).
 */
export async function adminOnly(
  ctx: Pick<CommandContext, 'services' | 'userId' | 't' | 'ack'>,
  refusal: MessageKey = 'admins.only',
): Promise<boolean> {
  if (ctx.services.roster.isAdmin(ctx.userId)) return true;
  await ctx.ack({ text: ctx.t(refusal) });
  return false;
}
