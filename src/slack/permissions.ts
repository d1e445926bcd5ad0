import { eq } from 'drizzle-orm';
import { reports, type Report } from '../../db/schema.js';
import type { Translate } from '../i18n/index.js';
import type { SlackServices } from './services.js';

/**
 * Who may act on a report, checked on the server at every click and again at every confirmation: on the
 * roster right now, and not the reporter. Returns the refusal to show, or the report.
 */
export function adminGate(s: SlackServices, userId: string, reportId: number | null, t: Translate): { refusal: string } | { report: Report } {
  if (!s.roster.isAdmin(userId)) return { refusal: t('action.not_admin') };
  const report = reportId === null ? undefined : s.deps.db.select().from(reports).where(eq(reports.id, reportId)).get();
  if (!report) return { refusal: t('action.not_found') };
  if (report.reporterSlackId === userId) return { refusal: t('action.not_admin') };
  return { report };
}

/** A report id from a button value or modal metadata; anything else is not a report. */
export function reportIdOf(value: unknown): number | null {
  const id = Number(value);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}
