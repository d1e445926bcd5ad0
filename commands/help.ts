import type { Translate } from '../src/i18n/index.js';
import type { SubCommand } from './types.js';
import { escapeMrkdwn, section } from '../src/slack/views/blocks.js';

export function usageText(t: Translate, commands: SubCommand[], notUnderstood?: string): string {
  const lines = [t('usage.title'), ...commands.flatMap((c) => c.usage.map((key) => `• ${t(key)}`))];
  if (notUnderstood !== undefined) lines.unshift(t('usage.unknown', { text: escapeMrkdwn(notUnderstood.slice(0, 200)) }), '');
  return lines.join('\n');
}

export function helpCommand(all: () => SubCommand[]): SubCommand {
  return {
    names: ['help'],
    usage: ['usage.help'],
    async run(ctx) {
      const text = usageText(ctx.t, all());
      await ctx.ack({ text, blocks: [section(text)] });
    },
  };
}
