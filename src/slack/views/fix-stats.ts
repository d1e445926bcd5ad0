import type { Locale, Translate } from '../../i18n/index.js';
import type { RemedyFixes } from '../../reports/fix-stats.js';
import { remedyLabel } from './report-message.js';

/** A duration as people read it: "4 min", "1 h 20 min", "3分", "1時間20分"; "—" when there is none. */
export function durationText(ms: number | null, locale: Locale): string {
  if (ms === null) return '—';
  const minutes = Math.max(0, Math.round(ms / 60_000));
  const hours = Math.floor(minutes / 60);
  if (locale === 'ja') return hours > 0 ? `${hours}時間${minutes % 60}分` : `${minutes}分`;
  return hours > 0 ? `${hours} h ${minutes % 60} min` : `${minutes} min`;
}

/** One line per remedy: self-service fixes, admin fixes, self-help and reports, each fix with its median time. */
export function fixStatsLines(stats: RemedyFixes[], t: Translate, locale: Locale): string[] {
  return stats.map((r) =>
    t('stats.fixes.line', {
      remedy: remedyLabel(r.remedy, t),
      selfService: r.selfService,
      selfServiceMedian: durationText(r.medianMs.selfService, locale),
      admin: r.admin,
      adminMedian: durationText(r.medianMs.admin, locale),
      selfHelp: r.selfHelp,
      selfHelpMedian: durationText(r.medianMs.selfHelp, locale),
      reports: r.reports,
    }),
  );
}
