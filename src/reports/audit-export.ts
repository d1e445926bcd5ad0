import type Database from 'better-sqlite3';
import { DateTime } from 'luxon';

/** Excel reads a CSV file as UTF-8 (Japanese intact) only when it starts with this byte order mark. */
export const BOM = '\uFEFF';
export const AUDIT_CSV_HEADER = ['id', 'time', 'type', 'report_id', 'actor_slack_id', 'data', 'redacted_at'] as const;

/** One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break, quotes doubled. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const csvLine = (fields: (string | number | null)[]) => `${fields.map(csvField).join(',')}\r\n`;

/**
 * A day range in `timeZone` as epoch milliseconds: from the start of `from` to the end of `to` (both days
 * included). Null when a date is not YYYY-MM-DD or `to` comes before `from`.
 */
export function dayRange(from: string, to: string, timeZone: string): { fromMs: number; toMs: number } | null {
  const day = (text: string) => (/^\d{4}-\d{2}-\d{2}$/.test(text) ? DateTime.fromISO(text, { zone: timeZone }) : null);
  const start = day(from);
  const end = day(to);
  if (!start?.isValid || !end?.isValid || end < start) return null;
  return { fromMs: start.toMillis(), toMs: end.plus({ days: 1 }).toMillis() };
}

interface AuditRow {
  id: number;
  created_at: number;
  type: string;
  report_id: number | null;
  actor_slack_id: string | null;
  data: string;
  redacted_at: number | null;
}

/**
 * Writes the audit trail between `fromMs` (included) and `toMs` (excluded) as CSV: a BOM, the header, one line per
 * row in time order, times in ISO 8601 with the offset of `timeZone`, `data` as the row's JSON. Rows are read one
 * at a time, so a year of audit rows needs no more memory than one. Returns the number of rows written.
 */
export function writeAuditCsv(
  sqlite: Database.Database,
  range: { fromMs: number; toMs: number },
  timeZone: string,
  write: (chunk: string) => void,
): number {
  const time = (ms: number | null) =>
    ms === null ? null : DateTime.fromMillis(ms, { zone: timeZone }).toISO({ suppressMilliseconds: true });
  write(BOM + csvLine([...AUDIT_CSV_HEADER]));
  let count = 0;
  const rows = sqlite
    .prepare(
      'SELECT id, created_at, type, report_id, actor_slack_id, data, redacted_at FROM audit_events WHERE created_at >= ? AND created_at < ? ORDER BY created_at, id',
    )
    .iterate(range.fromMs, range.toMs) as IterableIterator<AuditRow>;
  for (const row of rows) {
    write(
      csvLine([
        row.id,
        time(row.created_at),
        row.type,
        row.report_id,
        row.actor_slack_id,
        row.data,
        time(row.redacted_at),
      ]),
    );
    count++;
  }
  return count;
}
