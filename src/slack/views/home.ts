import type { Report } from '../../../db/schema.js';
import type { ReportSummary } from '../../reports/queries.js';
import { formatTime, type Locale, type Translate } from '../../i18n/index.js';
import { formatShift, type Shift } from '../../routing/shifts.js';
import { ActionIds } from '../ids.js';
import { button, context, divider, formModal, header, plain, section } from './blocks.js';
import { leafTitle } from './report-message.js';

export interface HomeAdminPart {
  onDuty: boolean;
  shifts: Shift[];
  mine: Report[];
  queued: Report[];
  /** "Can the bot change users?" (rendered), when the directory is configured. */
  writeCapability?: string;
  /** The login-failure message in the environment settings does not mention the command yet. */
  suggestLoginMessage: boolean;
  /** Self-service (issue 15): what is on, and whether the kill switch has anything to stop. */
  selfService?: { text: string; on: boolean };
  /** Fixes per remedy over the last 30 days (rendered lines). */
  fixes?: string[];
  /** The on-duty user group's state (rendered), when DUTY_USERGROUP_HANDLE is set. */
  dutyGroup?: string;
  /** Why the latest account action of a listed report failed (rendered), by report id. */
  failedActions?: ReadonlyMap<number, string>;
  /** Help channels with answers on; and "did it work?" ratings, rendered (ratingLines). */
  listening?: string[];
  ratings?: string[];
}

export interface HomeInput {
  t: Translate;
  locale: Locale;
  timezone: string;
  myReports: readonly ReportSummary[];
  /** What the last click on the tab did (e.g. a help channel switched on, or why not). */
  notice?: string;
  /** Present for admins. */
  admin?: HomeAdminPart;
}

const MAX_LISTED = 15;

function reportLines(reports: readonly ReportSummary[], p: HomeInput, notes?: ReadonlyMap<number, string>): string {
  if (reports.length === 0) return p.t('home.none');
  return reports
    .slice(0, MAX_LISTED)
    .map((r) => {
      const line = p.t('home.report_line', {
        id: r.id,
        leaf: leafTitle(r.leafId, p.locale),
        state: p.t(`report.state.${r.state}`),
        created: formatTime(r.createdAt, p.locale, p.timezone),
      });
      const note = notes?.get(r.id);
      return note ? `${line}\n${note}` : line;
    })
    .join('\n');
}

/** The App Home tab: the troubleshooter for everyone, their reports; duty, shifts and work queues for admins. */
export function homeView(p: HomeInput) {
  const { t } = p;
  const blocks: unknown[] = [
    header(t('home.title')),
    ...(p.notice ? [section(p.notice)] : []),
    section(t('home.intro')),
    {
      type: 'actions',
      elements: [
        { type: 'button', style: 'primary', action_id: ActionIds.homeStartReport, text: plain(t('home.start')) },
      ],
    },
    section(`${t('home.my_reports')}\n${reportLines(p.myReports, p)}`),
  ];
  if (p.admin) {
    const a = p.admin;
    blocks.push(
      divider(),
      header(t('home.admin.title')),
      ...(a.writeCapability ? [section(a.writeCapability)] : []),
      section(a.onDuty ? t('home.admin.on_duty') : t('home.admin.off_duty')),
      {
        type: 'actions',
        elements: [
          button(
            ActionIds.homeDutyToggle,
            a.onDuty ? t('home.admin.duty_off') : t('home.admin.duty_on'),
            a.onDuty ? 'off' : 'on',
          ),
          button(ActionIds.homeEditShifts, t('home.admin.edit_shifts'), 'edit'),
          button(ActionIds.homeDutyCover, t('home.admin.ask_cover'), 'cover'),
          button(ActionIds.homeEditEnvironment, t('home.admin.edit_environment'), 'edit'),
        ],
      },
      ...(a.selfService ? selfServiceBlocks(a.selfService, t) : []),
      ...(a.fixes && a.fixes.length > 0 ? [section(t('home.admin.fixes', { lines: a.fixes.join('\n') }))] : []),
      ...(a.dutyGroup ? [section(a.dutyGroup)] : []),
      section(
        t('home.admin.shifts', {
          zone: p.timezone,
          shifts: a.shifts.length
            ? a.shifts.map((s) => `• ${formatShift(s, p.locale)}`).join('\n')
            : t('home.admin.no_shifts'),
        }),
      ),
      section(`${t('home.admin.mine')}\n${reportLines(a.mine, p, a.failedActions)}`),
      section(`${t('home.admin.queued')}\n${reportLines(a.queued, p, a.failedActions)}`),
      ...(a.suggestLoginMessage ? [context(t('home.admin.login_message_tip'))] : []),
      ...(a.listening ? listeningBlocks(a.listening, t) : []),
      ...(a.ratings ? [section(a.ratings.join('\n'))] : []),
    );
  }
  blocks.push(divider(), section(t('home.tips')), context(t('home.command_hint')));
  return { type: 'home' as const, blocks };
}

/** The self-service status and its kill switch (with a confirmation; effective on the next click). */
function selfServiceBlocks(p: { text: string; on: boolean }, t: Translate): unknown[] {
  if (!p.on) return [section(p.text)];
  return [
    {
      ...section(p.text),
      accessory: {
        type: 'button',
        style: 'danger',
        action_id: ActionIds.homeSelfServiceStop,
        value: 'stop',
        text: plain(t('home.admin.self_service.stop')),
        confirm: {
          title: plain(t('home.admin.self_service.confirm_title')),
          text: plain(t('home.admin.self_service.confirm_text')),
          confirm: plain(t('home.admin.self_service.confirm_yes')),
          deny: plain(t('modal.cancel')),
          style: 'danger',
        },
      },
    },
  ];
}

/** Help channels: where answers are on (each with its switch-off), and a picker to switch one on. */
function listeningBlocks(channels: string[], t: Translate): unknown[] {
  const shown = channels.slice(0, 20);
  return [
    section(
      t('home.admin.listen', {
        channels: shown.length ? shown.map((c) => `<#${c}>`).join(' ') : t('home.admin.no_shifts'),
      }),
    ),
    {
      type: 'actions',
      block_id: 'listen_switches',
      elements: [
        {
          type: 'conversations_select',
          action_id: ActionIds.homeListenOn,
          placeholder: plain(t('home.admin.listen_on')),
          filter: { include: ['public', 'private'], exclude_bot_users: true, exclude_external_shared_channels: true },
        },
        ...shown.map((c) =>
          button(`${ActionIds.homeListenOffPrefix}${c}`, t('home.admin.listen_off', { channel: c }), c),
        ),
      ],
    },
  ];
}

/** The shift editor opened from App Home. */
export function shiftsModal(t: Translate, locale: Locale, shifts: Shift[]) {
  return formModal({
    callbackId: 'home_shifts_modal',
    title: t('shifts.title'),
    submit: t('shifts.save'),
    close: t('modal.cancel'),
    blocks: [
      {
        type: 'input',
        block_id: 'shifts',
        optional: true,
        label: plain(t('shifts.label')),
        element: {
          type: 'plain_text_input',
          action_id: 'shifts_input',
          multiline: true,
          initial_value: shifts.map((s) => formatShift(s, locale)).join('\n'),
        },
      },
    ],
  });
}
