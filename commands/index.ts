import { section } from '../src/slack/views/blocks.js';
import { adminsCommand } from './admins.js';
import { expandAlias } from './aliases.js';
import { diagnoseCommand } from './diagnose.js';
import { dutyCommand } from './duty.js';
import { oncallCommand } from './oncall.js';
import { statusCommand } from './status.js';
import { verifyCommand } from './verify.js';
import { helpCommand, usageText } from './help.js';
import { reportCommand } from './report.js';
import { statsCommand } from './stats.js';
import { listenCommand } from './listen.js';
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
  listenCommand,
  verifyCommand,
  helpCommand(() => subCommands),
];

/**
 * Splits the text Slack sent (mentions arrive escaped as `<@U…|name>` because of `should_escape`) into the
 * sub-command and its arguments. Japanese input is welcome: words may be separated by full-width spaces, full-width
 * letters and digits and half-width katakana are folded (`ｄｕｔｙ ｏｎ １８：００` is `duty on 18:00`), and a
 * leading Japanese phrase (`当番 オン`) stands for its sub-command (see aliases.ts).
 */
export function parseCommandText(text: string): { name: string; args: string[] } {
  const words = expandAlias(text.split(/\s+/).filter(Boolean).map(fold));
  return { name: (words[0] ?? '').toLowerCase(), args: words.slice(1) };
}

/** NFKC, except where it would make markup: `＜@U…＞` typed by hand must not become a mention Slack escaped. */
function fold(word: string): string {
  const folded = word.normalize('NFKC');
  const markup = (s: string) => s.replace(/[^<>&|]/g, '');
  return markup(folded) === markup(word) ? folded : word;
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
