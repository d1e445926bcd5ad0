import type { Report } from '../../db/schema.js';
import { translator, type Locale, type Translate } from '../i18n/index.js';
import { accountActionGate, adminGate } from './permissions.js';
import type { SlackServices } from './services.js';
import type { SlackWebClient } from './web-client.js';

/** What the gates answer: the report the clicker may act on, or the refusal to show them. */
export type Gate = { refusal: string } | { report: Report };

/**
 * What every handler needs about the request it serves, worked out once by the dispatcher: who asked, in which
 * language, and the few ways of answering that every handler shares. Handlers read as what they do.
 */
export interface RequestContext {
  readonly userId: string;
  readonly locale: Locale;
  readonly t: Translate;
  readonly services: SlackServices;
  /** The roster gate (on the roster now, not the reporter); `account` adds "the report is still live". */
  gate(reportId: number | null, scope?: 'report' | 'account'): Gate;
  /**
   * The gate, with the refusal answered where the request came from (ephemerally) and logged: the report, or
   * null when refused. Only for requests that carry a response_url (buttons, commands).
   */
  requireAdmin(reportId: number | null, scope?: 'report' | 'account'): Promise<Report | null>;
  /** An answer only the clicker sees, leaving the message they clicked on as it is. */
  replyEphemeral(text: string, blocks?: unknown[]): Promise<void>;
  /** Opens a modal; a refused or expired trigger is logged and answered with null instead of a throw. */
  openView(triggerId: string, view: unknown, what: string): Promise<string | null>;
  /**
   * Replaces an open modal; a failure (closed by the user meanwhile, or moved on when `hash` is given) is logged,
   * never thrown.
   */
  updateView(viewId: string, view: unknown, what: string, hash?: string): Promise<void>;
}

type Respond = (message: Record<string, unknown>) => Promise<unknown>;

/** Builds the context of one request (the dispatcher does, once the user's language is known). */
export function requestContext(p: {
  services: SlackServices;
  client: SlackWebClient;
  userId: string;
  locale: Locale;
  respond?: Respond;
  /** What the logs call the request (its action_id or callback_id). */
  what: string;
}): RequestContext {
  const { services, client, userId, locale, respond, what } = p;
  const t = translator(locale);
  const logger = services.deps.logger;
  const replyEphemeral = async (text: string, blocks?: unknown[]) => {
    if (!respond) {
      logger.error(
        { slackUserId: userId, request: what },
        'an ephemeral answer without a response_url: nothing was sent',
      );
      return;
    }
    await respond({ response_type: 'ephemeral', replace_original: false, text, ...(blocks ? { blocks } : {}) });
  };
  const gate = (reportId: number | null, scope: 'report' | 'account' = 'report'): Gate =>
    (scope === 'account' ? accountActionGate : adminGate)(services, userId, reportId, t);
  return {
    userId,
    locale,
    t,
    services,
    gate,
    replyEphemeral,
    async requireAdmin(reportId, scope) {
      const checked = gate(reportId, scope);
      if ('report' in checked) return checked.report;
      logger.warn(
        { slackUserId: userId, reportId, request: what },
        'refused: not an admin for this report, or the report is not live',
      );
      await replyEphemeral(checked.refusal);
      return null;
    },
    async openView(triggerId, view, viewWhat) {
      try {
        const opened = await client.views.open({ trigger_id: triggerId, view: view as never });
        return opened.view?.id ?? null;
      } catch (error) {
        logger.warn(
          { slackUserId: userId, request: what, err: (error as Error).message },
          `views.open failed for ${viewWhat}`,
        );
        return null;
      }
    },
    async updateView(viewId, view, viewWhat, hash) {
      try {
        await client.views.update({ view_id: viewId, view: view as never, ...(hash === undefined ? {} : { hash }) });
      } catch (error) {
        logger.warn(
          { slackUserId: userId, request: what, err: (error as Error).message },
          `views.update failed for ${viewWhat}`,
        );
      }
    },
  };
}
