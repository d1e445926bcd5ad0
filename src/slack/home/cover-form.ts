import type { Translate } from '../../i18n/index.js';
import { parseLocalDateTime } from '../../routing/local-time.js';
import { CoverForm } from '../views/duty-cover.js';

type Values = Record<string, Record<string, { value?: string | null; selected_user?: string | null }>>;

/** The cover form as submitted: who covers and when (local date and time), or the errors to show. */
export function readCoverForm(
  values: Values,
  timezone: string,
  t: Translate,
): { ok: true; cover: string; start: number; end: number } | { ok: false; errors: Record<string, string> } {
  const read = (f: { block: string; action: string }) =>
    String(values[f.block]?.[f.action]?.value ?? '')
      .normalize('NFKC')
      .trim();
  const at = (text: string) => {
    const [date = '', time = '', extra] = text.split(/\s+/);
    return extra === undefined ? parseLocalDateTime(date, time, timezone) : null;
  };
  const cover = String(values[CoverForm.who.block]?.[CoverForm.who.action]?.selected_user ?? '');
  const start = at(read(CoverForm.start));
  const end = at(read(CoverForm.end));
  if (start !== null && end !== null) return { ok: true, cover, start, end };
  const errors: Record<string, string> = {};
  if (start === null) errors[CoverForm.start.block] = t('duty.cover.bad_time');
  if (end === null) errors[CoverForm.end.block] = t('duty.cover.bad_time');
  return { ok: false, errors };
}
