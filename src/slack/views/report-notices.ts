import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { slackUsers, type Report } from '../../../db/schema.js';
import { formatTime, translator, type Locale } from '../../i18n/index.js';
import type { OutgoingMessage } from '../../outbox/outbox.js';
import type { EnvironmentSettings } from '../../settings/environment-settings.js';
import type { ReportNotices } from '../../reports/lifecycle-context.js';
import type { ReportEvent } from '../../reports/state-machine.js';
import { ActionIds } from '../ids.js';
import { button, context, escapeMrkdwn, section } from './blocks.js';
import { reportMessage } from './report-message.js';

const text = (t: string): OutgoingMessage => ({ text: t, blocks: [section(t)] });

/** Every message about a report's life: thread replies in the channel's language, DMs in the reporter's. */
export function reportNotices(p: {
  db: Db;
  channelLocale: Locale;
  timezone: string;
  escalationMinutes: number;
  /** ADMIN_ALERT_INTERVAL_MINUTES, named in the coalesced DM. */
  adminAlertMinutes: number;
  now: () => number;
  /** Where admins fix accounts by hand, and whether the User API does it for them. */
  urls: { directory: boolean; adminUrl: string; loginUrl: string };
  /** The environment settings as they are now (manual steps follow them). */
  settings: () => EnvironmentSettings;
}): ReportNotices {
  const channel = translator(p.channelLocale);
  const reporterZone = (report: Report) =>
    p.db
      .select({ tz: slackUsers.timezone })
      .from(slackUsers)
      .where(eq(slackUsers.slackId, report.reporterSlackId))
      .get()?.tz ?? p.timezone;
  const when = (
    at: number | null,
    locale: Locale,
    zone: string,
    keys: { next: 'thread.queued.next' | 'dm.queued.next'; none: 'thread.queued.none' | 'dm.queued.none' },
  ) => {
    const t = translator(locale);
    return at === null ? t(keys.none) : t(keys.next, { at: formatTime(at, locale, zone) });
  };
  return {
    rootMessage: (report) =>
      reportMessage(report, {
        locale: p.channelLocale,
        timezone: p.timezone,
        now: p.now(),
        ...p.urls,
        settings: p.settings(),
      }),
    assigned: (report, reason, by) =>
      text(
        channel(`thread.assigned.${reason}`, {
          assignee: report.assigneeSlackId ?? '',
          id: report.id,
          minutes: p.escalationMinutes,
          by: by ?? '',
        }),
      ),
    queued: (_report, nextAt) =>
      text(
        channel('thread.queued', {
          when: when(nextAt, p.channelLocale, p.timezone, { next: 'thread.queued.next', none: 'thread.queued.none' }),
        }),
      ),
    escalatedToAll: () => text(channel('thread.escalated_all')),
    changed: (_report, event: ReportEvent, actor, note, reason) =>
      text(
        channel(reason === 'not_me' ? 'thread.changed.cancel.not_me' : `thread.changed.${event}`, {
          actor,
          note: note ? `\n> ${escapeMrkdwn(note)}` : '',
        }),
      ),
    adminAlert: (report, kind) =>
      text(
        channel(`admin.alert.${kind}`, {
          id: report.id,
          loginName: escapeMrkdwn(report.loginName),
          link: '{permalink}',
        }),
      ),
    adminDigest: (waiting, more) => {
      const lines = waiting.map((w) =>
        channel(`admin.alert.digest.${w.kind}`, {
          link: w.link,
          loginName: escapeMrkdwn(w.report.loginName),
          at: formatTime(w.report.createdAt, p.channelLocale, p.timezone),
        }),
      );
      if (more > 0) lines.push(channel('admin.alert.digest.more', { count: more }));
      return text(
        channel('admin.alert.digest', {
          count: waiting.length + more,
          minutes: p.adminAlertMinutes,
          lines: lines.join('\n'),
        }),
      );
    },
    reporterQueued: (report, nextAt) => {
      const t = translator(report.locale);
      return text(
        t('dm.queued', {
          when: when(nextAt, report.locale, reporterZone(report), { next: 'dm.queued.next', none: 'dm.queued.none' }),
        }),
      );
    },
    quietReminder: (report, hours) =>
      text(channel('thread.quiet_reminder', { assignee: report.assigneeSlackId ?? '', id: report.id, hours })),
    quietReminderDm: (report, hours) =>
      text(
        channel('dm.quiet_reminder', {
          id: report.id,
          hours,
          loginName: escapeMrkdwn(report.loginName),
          link: '{permalink}',
        }),
      ),
    quietReopened: (report, previous) =>
      text(
        report.assigneeSlackId
          ? channel('thread.quiet_reopened', {
              previous,
              assignee: report.assigneeSlackId,
              minutes: p.escalationMinutes,
            })
          : channel('thread.quiet_reopened.queued', { previous }),
      ),
    reporterAcknowledged: (report, actor) =>
      text(translator(report.locale)('dm.acknowledged', { actor, id: report.id })),
    reporterResolved: (report, note) => {
      const t = translator(report.locale);
      const body = t('dm.resolved', {
        id: report.id,
        note: note ? t('dm.resolved.note', { note: escapeMrkdwn(note) }) : '',
      });
      return {
        text: body,
        blocks: [
          section(body),
          context(t('dm.resolved.rate_hint')),
          {
            type: 'actions',
            block_id: `back_in_${report.id}`,
            elements: [
              button(ActionIds.reporterBackIn, t('dm.back_in'), String(report.id), 'primary'),
              button(ActionIds.reporterStillStuck, t('dm.still_stuck'), String(report.id)),
            ],
          },
        ],
      };
    },
  };
}
