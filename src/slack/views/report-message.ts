import type { Report } from '../../../db/schema.js';
import { formatTime, type Locale, translator } from '../../i18n/index.js';
import type { OutgoingMessage } from '../../outbox/outbox.js';
import { isSymptom } from '../../reports/symptoms.js';
import { context, escapeMrkdwn, header, section } from './blocks.js';

export interface ChannelView {
  locale: Locale;
  timezone: string;
}

/** The report's root message in the support channel: everything an admin needs without asking again. */
export function reportMessage(report: Report, view: ChannelView): OutgoingMessage {
  const t = translator(view.locale);
  const symptom = isSymptom(report.symptom) ? t(`symptom.${report.symptom}`) : report.symptom;
  const field = (label: string, value: string) => `*${label}*\n${value}`;
  return {
    text: t('report.root.fallback', { id: report.id, loginName: report.loginName, reporter: `<@${report.reporterSlackId}>` }),
    blocks: [
      header(t('report.root.title', { id: report.id })),
      {
        type: 'section',
        fields: [
          { type: 'mrkdwn', text: field(t('report.field.reporter'), `<@${report.reporterSlackId}>`) },
          { type: 'mrkdwn', text: field(t('report.field.login_name'), `\`${escapeMrkdwn(report.loginName)}\``) },
          { type: 'mrkdwn', text: field(t('report.field.symptom'), symptom) },
          { type: 'mrkdwn', text: field(t('report.field.state'), t(`report.state.${report.state}`)) },
        ],
      },
      section(field(t('report.field.details'), report.details ? escapeMrkdwn(report.details) : t('report.details.none'))),
      context(
        `${t('report.field.id')}: #${report.id} · ${t('report.field.created_at')}: ${formatTime(report.createdAt, view.locale, view.timezone)}`,
      ),
    ],
  };
}

/** The reporter's DM once the report is posted; `{permalink}` is filled in by the outbox. */
export function reportReceivedDm(report: Report): OutgoingMessage {
  const t = translator(report.locale);
  const text = t('dm.report_received', { id: report.id, permalink: '{permalink}' });
  return { text, blocks: [section(text)] };
}
