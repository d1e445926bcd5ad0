import type { Report } from '../../db/schema.js';
import { awaitsReporter, mayChangeAccount } from '../account-actions/account-check.js';
import type { Translate } from '../i18n/index.js';
import { reportById } from '../reports/queries.js';
import type { SlackServices } from './services.js';

/**
 * Who may act on a report, checked on the server at every click and again at every confirmation: on the
 * roster right now, and not the reporter. Returns the refusal to show, or the report.
 */
export function adminGate(
  s: SlackServices,
  userId: string,
  reportId: number | null,
  t: Translate,
): { refusal: string } | { report: Report } {
  if (!s.roster.isAdmin(userId)) return { refusal: t('action.not_admin') };
  const report = reportId === null ? undefined : reportById(s.deps.db, reportId);
  if (!report) return { refusal: t('action.not_found') };
  if (report.reporterSlackId === userId) return { refusal: t('action.not_admin') };
  return { report };
}

/**
 * The gate of every account action, its confirmation and its approval: the admin gate, and the report still
 * open or in progress (resolved or withdrawn reports take no account changes), and confirmed by its reporter when
 * someone else filed it for them.
 */
export function accountActionGate(
  s: SlackServices,
  userId: string,
  reportId: number | null,
  t: Translate,
): { refusal: string } | { report: Report } {
  const gate = adminGate(s, userId, reportId, t);
  if ('refusal' in gate || mayChangeAccount(gate.report)) return gate;
  return { refusal: notLive(gate.report, t) };
}

/** Why an account action cannot run on this report any more. */
export function notLive(report: Report, t: Translate): string {
  if ((report.state === 'open' || report.state === 'acknowledged') && awaitsReporter(report))
    return t('action.awaits_reporter', { id: report.id, reporter: report.reporterSlackId });
  return t('action.not_live', { id: report.id, state: t(`report.state.${report.state}`) });
}

/** The id (of a report, an action, a secret, a cover…) a button value or modal metadata carries; anything else is null. */
export function parseId(value: unknown): number | null {
  const id = Number(value);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}
