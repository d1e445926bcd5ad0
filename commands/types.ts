import type { WebClient } from '@slack/web-api';
import type { Locale, MessageKey, Translate } from '../src/i18n/index.js';
import type { SlackServices } from '../src/slack/services.js';

/** What a sub-command gets: who asked, the words after the sub-command, and ways to answer. */
export interface CommandContext {
  userId: string;
  channelId: string;
  triggerId: string;
  args: string[];
  locale: Locale;
  t: Translate;
  services: SlackServices;
  client: WebClient;
  /** Acknowledges the command, optionally with an ephemeral answer (the fastest way to answer). Call once. */
  ack(answer?: EphemeralAnswer): Promise<void>;
  /** An ephemeral answer after ack (slow work). */
  respond(answer: EphemeralAnswer): Promise<void>;
}

export interface EphemeralAnswer {
  text: string;
  blocks?: unknown[];
  /** Replace the answer given before (e.g. "checking…") instead of adding one. */
  replace?: boolean;
}

export interface SubCommand {
  /** The first word, e.g. `help`; aliases share the handler. */
  names: string[];
  /** Lines of the usage text, shown in this order. */
  usage: MessageKey[];
  run(ctx: CommandContext): Promise<void>;
}
