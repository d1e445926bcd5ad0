import { section } from '../src/slack/views/blocks.js';
import { adminsCommand } from './admins.js';
import { diagnoseCommand } from './diagnose.js';
import { dutyCommand } from './duty.js';
import { oncallCommand } from './oncall.js';
import { statusCommand } from './status.js';
import { verifyCommand } from './verify.js';
import { helpCommand, usageText } from './help.js';
import { reportCommand } from './report.js';
import { statsCommand } from './stats.js';
import type { CommandContext, SubCommand } from './types.js';

/** Every sub-command of /kintone-login, in the order the usage lists them. */
export const subCommands: SubCommand[] = [
  reportCommand,
  statusCommand,
  diagnoseCommand,
  oncallCommand,
  dutyCommand,
  adminsCommand,
  statsCommand,
  verifyCommand,
  helpCommand(() => subCommands),
];

/**
 * Splits the text Slack sent (mentions arrive escaped as `<@U…|name>` because of `should_escape`) into the
 * sub-command and its arguments.
 */
export function parseCommandText(text: string): { name: string; args: string[] } {
  const words = text.trim().split(/\s+/).filter(Boolean);
  return { name: (words[0] ?? '').toLowerCase(), args: words.slice(1) };
}

export async function dispatch(text: string, ctx: Omit<CommandContext, 'args'>): Promise<void> {
  const { name, args } = parseCommandText(text);
  const command = subCommands.find((c) => c.names.includes(name));
  if (!command) {
    const answer = usageText(ctx.t, subCommands, text.trim());
    await ctx.ack({ text: answer, blocks: [section(answer)] });
    return;
  }
  await command.run({ ...ctx, args });
}
