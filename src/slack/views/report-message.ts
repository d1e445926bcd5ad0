import type { Report } from '../../../db/schema.js';
import { formatTime, type Locale, type MessageKey, translator } from '../../i18n/index.js';
import type { OutgoingMessage } from '../../outbox/outbox.js';
import { describePath, type Step } from '../../troubleshoot/engine.js';
import { FACT_KEYS, REMEDIES, type Facts, type Remedy } from '../../troubleshoot/schema.js';
import { loginTree } from '../../troubleshoot/tree.js';
import { ActionIds } from '../ids.js';
import type { EnvironmentSettings } from '../../settings/environment-settings.js';
import { button, context, escapeMrkdwn, header, plain, section } from './blocks.js';
import { manualPasswordFate, samlPasswordNotes } from './environment-summary.js';

export interface ChannelView {
  locale: Locale;
  timezone: string;
  /** When the message is rendered: its age is shown as of then. */
  now: number;
  /** Whether account actions can run against the User API (else: manual steps for the admin screen). */
  directory: boolean;
  adminUrl: string;
  loginUrl: string;
  /** The environment settings now: manual password steps follow them (forced change, SAML). */
  settings: EnvironmentSettings;
}

const API_REMEDIES: Record<string, string> = {
  reset_password: ActionIds.reportResetPassword,
  unlock: ActionIds.reportUnlock,
  resume: ActionIds.reportResume,
  assign_kintone: ActionIds.reportAssignKintone,
};

function age(ms: number, locale: Locale): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  const hours = Math.floor(minutes / 60);
  if (locale === 'ja') return hours > 0 ? `${hours}時間${minutes % 60}分` : `${minutes}分`;
  return hours > 0 ? `${hours} h ${minutes % 60} min` : `${minutes} min`;
}

export function remedyLabel(remedy: string, t: ReturnType<typeof translator>): string {
  return (REMEDIES as readonly string[]).includes(remedy) ? t(`remedy.${remedy as Remedy}`) : remedy;
}

/** The leaf's title in this language (the tree is data; an unknown id from an older tree shows as is). */
export function leafTitle(leafId: string, locale: Locale): string {
  const node = loginTree.nodes.find((n) => n.id === leafId);
  return node?.kind === 'leaf' ? node.title[locale] : leafId;
}

/** Resolved by its own reporter: only a self-service fix does that (admins are never the reporter). */
export function fixedBySelfService(report: Pick<Report, 'state' | 'resolvedBy' | 'reporterSlackId'>): boolean {
  return report.state === 'resolved' && report.resolvedBy === report.reporterSlackId;
}

/** The report's root message in the support channel: everything an admin needs without asking again. */
export function reportMessage(report: Report, view: ChannelView): OutgoingMessage {
  const t = translator(view.locale);
  const field = (label: string, value: string) => `*${label}*\n${value}`;
  const path = describePath(loginTree, { path: JSON.parse(report.path) as Step[] }, view.locale);
  const pathText =
    path.length === 0
      ? t('report.path.none')
      : path.map((p) => `• ${p.question} → *${p.answer}*${p.auto ? ` ${t('report.path.auto')}` : ''}`).join('\n');
  const facts = report.facts ? (JSON.parse(report.facts) as Facts) : null;
  const factsText = facts
    ? FACT_KEYS.filter((k) => facts[k])
        .map((k) => `${t(`fact.${k}` as MessageKey)}: ${t(`fact.${facts[k]!}`)}`)
        .join(' · ')
    : null;
  const blocks: unknown[] = [
    header(t('report.root.title', { id: report.id })),
    {
      type: 'section',
      fields: [
        { type: 'mrkdwn', text: field(t('report.field.reporter'), `<@${report.reporterSlackId}>`) },
        { type: 'mrkdwn', text: field(t('report.field.login_name'), `\`${escapeMrkdwn(report.loginName)}\``) },
        { type: 'mrkdwn', text: field(t('report.field.leaf'), leafTitle(report.leafId, view.locale)) },
        { type: 'mrkdwn', text: field(t('report.field.remedy'), remedyLabel(report.remedy, t)) },
        {
          type: 'mrkdwn',
          text: field(
            t('report.field.state'),
            t(`report.state.${report.state}`) +
              (report.escalationLevel >= 2 && report.state === 'open' ? ` · ${t('report.escalated_all')}` : '') +
              (fixedBySelfService(report) ? ` · ${t('report.self_service_fixed')}` : ''),
          ),
        },
        {
          type: 'mrkdwn',
          text: field(
            t('report.field.assignee'),
            report.assigneeSlackId ? `<@${report.assigneeSlackId}>` : t('report.assignee.none'),
          ),
        },
      ],
    },
    section(field(t('report.field.path'), pathText)),
  ];
  // Filed from a message for its author: who filed it, and whether the author has said it is theirs.
  if (report.filedBySlackId) {
    blocks.splice(
      2,
      0,
      context(
        t(report.reporterConfirmedAt === null ? 'report.filed_by.waiting' : 'report.filed_by.confirmed', {
          by: report.filedBySlackId,
          reporter: report.reporterSlackId,
        }),
      ),
    );
  }
  if (factsText) blocks.push(section(field(t('report.field.facts'), factsText)));
  blocks.push(
    section(field(t('report.field.details'), report.details ? escapeMrkdwn(report.details) : t('report.details.none'))),
    context(
      `${t('report.field.id')}: #${report.id} · ${t('report.field.created_at')}: ${formatTime(report.createdAt, view.locale, view.timezone)} · ${t('report.age', { age: age((report.resolvedAt ?? view.now) - report.createdAt, view.locale) })}`,
    ),
  );
  if (report.state === 'open' || report.state === 'acknowledged') {
    const button = (action_id: string, label: string, style?: 'primary') => ({
      type: 'button',
      action_id,
      text: plain(label),
      value: String(report.id),
      ...(style ? { style } : {}),
    });
    const apiAction = view.directory ? API_REMEDIES[report.remedy] : undefined;
    if (apiAction) {
      blocks.push({
        type: 'actions',
        block_id: `account_actions_${report.id}`,
        elements: [button(apiAction, t(`button.${report.remedy as 'reset_password'}`), 'primary')],
      });
    } else {
      const remedy = (REMEDIES as readonly string[]).includes(report.remedy) ? (report.remedy as Remedy) : 'other';
      const steps = [t('manual.title'), t(`manual.steps.${remedy}`, { loginUrl: view.loginUrl })];
      if (remedy === 'reset_password' || remedy === 'unlock')
        steps.push(
          manualPasswordFate(view.settings, t),
          ...samlPasswordNotes(view.settings, t, { loginUrl: view.loginUrl }),
        );
      if (!view.directory && API_REMEDIES[remedy]) steps.push(t('manual.no_directory', { adminUrl: view.adminUrl }));
      else steps.push(view.adminUrl);
      blocks.push(section(steps.join('\n')), {
        type: 'actions',
        block_id: `manual_${report.id}`,
        elements: [button(ActionIds.reportManualDone, t('button.manual_done'))],
      });
    }
    blocks.push({
      type: 'actions',
      block_id: `report_actions_${report.id}`,
      elements: [
        ...(report.state === 'open' ? [button(ActionIds.reportAck, t('button.ack'), 'primary')] : []),
        button(ActionIds.reportReassign, t('button.reassign')),
        button(ActionIds.reportResolve, t('button.resolve')),
      ],
    });
  }
  return {
    text: t('report.root.fallback', {
      id: report.id,
      loginName: escapeMrkdwn(report.loginName),
      reporter: `<@${report.reporterSlackId}>`,
    }),
    blocks,
  };
}

/** The reporter's DM once the report is posted; `{permalink}` is filled in by the outbox. */
export function reportReceivedDm(report: Report, offerSso = false): OutgoingMessage {
  const t = translator(report.locale);
  const text = t('dm.report_received', { id: report.id, permalink: '{permalink}' });
  return {
    text,
    blocks: [
      section(text),
      {
        type: 'actions',
        block_id: `fixed_now_${report.id}`,
        elements: [
          button(ActionIds.reporterFixedNow, t('dm.fixed_now'), String(report.id)),
          ...(offerSso
            ? [{ type: 'button', action_id: ActionIds.ssoVerify, text: plain(t('verify.button')), value: 'verify' }]
            : []),
        ],
      },
    ],
  };
}
