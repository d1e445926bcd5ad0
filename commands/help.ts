import type { Translate } from '../src/i18n/index.js';
import type { SubCommand } from './types.js';
import { japaneseAliases } from './aliases.js';
import { escapeMrkdwn, section } from '../src/slack/views/blocks.js';

/** `• `相談` `報告` → `report``, one line per sub-command the Japanese words stand for, in the table's order. */
function aliasLines(): string[] {
  const byMeaning = new Map<string, string[]>();
  for (const { phrase, means } of japaneseAliases) byMeaning.set(means, [...(byMeaning.get(means) ?? []), phrase]);
  return [...byMeaning].map(([means, phrases]) => `• ${phrases.map((p) => `\`${p}\``).join(' ')} → \`${means}\``);
}

export function usageText(t: Translate, commands: SubCommand[], notUnderstood?: string): string {
  const lines = [
    t('usage.title'),
    ...commands.flatMap((c) => c.usage.map((key) => `• ${t(key)}`)),
    '',
    t('usage.aliases'),
    ...aliasLines(),
  ];
  if (notUnderstood !== undefined)
    lines.unshift(t('usage.unknown', { text: escapeMrkdwn(notUnderstood.slice(0, 200)) }), '');
  return lines.join('\n');
}

export function helpCommand(all: () => SubCommand[]): SubCommand {
  // The same text for everyone who reads a language: written once per language.
  const written = new Map<string, string>();
  return {
    names: ['help'],
    usage: ['usage.help'],
    async run(ctx) {
      let text = written.get(ctx.locale);
      if (text === undefined) {
        text = usageText(ctx.t, all());
        written.set(ctx.locale, text);
      }
      await ctx.ack({ text, blocks: [section(text)] });
    },
  };
}
