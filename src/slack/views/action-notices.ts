import type { AccountAction } from '../../../db/schema.js';
import type { ActionNotices } from '../../account-actions/account-actions.js';
import type { ApprovalEndReason } from '../../account-actions/approvals.js';
import { formatTime, translator, type Locale, type Translate } from '../../i18n/index.js';
import type { OutgoingMessage } from '../../outbox/outbox.js';
import { remedyLabel } from './report-message.js';
import { ActionIds } from '../ids.js';
import { button, escapeMrkdwn, section } from './blocks.js';
import {
  temporaryPasswordFate,
  timedUnlockMinutes,
  type EnvironmentSettings,
} from '../../settings/environment-settings.js';
import { DEFAULT_LOCKOUT_MINUTES } from '../../troubleshoot/template-vars.js';

const message = (text: string): OutgoingMessage => ({ text, blocks: [section(text)] });

/** How the reporter's identity was established, as the thread shows it. */
const IDENTITY_KEYS = {
  sso: 'identity.sso',
  email_match: 'identity.email_match',
  admin_confirmed: 'identity.admin_confirmed',
  self_service: 'identity.self_service',
} as const;

export function actionKindLabel(action: Pick<AccountAction, 'kind' | 'remedy'>, t: Translate): string {
  return action.kind === 'manual' && action.remedy ? remedyLabel(action.remedy, t) : t(`action.kind.${action.kind}`);
}

/** Failures that repeat until someone changes the configuration: the thread does not suggest running it again. */
const FIX_FIRST_KINDS: ReadonlySet<string> = new Set([
  'auth',
  'two_factor',
  'missing_auth',
  'forbidden',
  'ip_restricted',
  'not_configured',
]);

/** Plain words for a directory failure, with cybozu's error id for support. */
function errorWords(action: AccountAction, t: Translate, auth: 'token' | 'password' | undefined): string {
  // "No privilege" (CB_NO02) has a different fix for a token (its scope) and for password auth (a 共通管理者).
  const kind = action.errorKind === 'forbidden' && auth ? `forbidden_${auth}` : (action.errorKind ?? 'unexpected');
  const key = `diag.error.${kind}` as const;
  const words = t(key as 'diag.error.unexpected', { seconds: '' });
  return action.cybozuErrorId ? `${words} ${t('diag.error.id', { id: escapeMrkdwn(action.cybozuErrorId) })}` : words;
}

/** Thread replies in the channel's language; the reporter's DMs in theirs. Passwords never appear in any of them. */
export function actionNotices(p: {
  channelLocale: Locale;
  timezone: string;
  settings: () => EnvironmentSettings;
  approvalExpiryMinutes: number;
  directoryAuth?: 'token' | 'password' | undefined;
}): ActionNotices {
  const t = translator(p.channelLocale);
  const common = (action: AccountAction) => ({
    by: action.requestedBy,
    loginName: escapeMrkdwn(action.targetLoginName),
    kind: actionKindLabel(action, t),
  });
  const identity = (action: AccountAction) =>
    action.identity in IDENTITY_KEYS ? t(IDENTITY_KEYS[action.identity as keyof typeof IDENTITY_KEYS]) : '';
  return {
    needsApproval: (_report, action) => {
      // The approver sees how the requester established who the reporter is.
      const text = [t('thread.action.needs_approval', common(action)), identity(action)].filter(Boolean).join('\n');
      return {
        text,
        blocks: [
          section(text),
          {
            type: 'actions',
            elements: [button(ActionIds.accountActionApprove, t('button.approve'), String(action.id), 'danger')],
          },
        ],
      };
    },
    succeeded: (_report, action) => {
      const password = action.kind === 'reset_password' || action.kind === 'unlock';
      // Where users cannot change passwords, the admin must know the one just set stays as it is.
      const permanent =
        password && temporaryPasswordFate(p.settings()) === 'permanent'
          ? ` ${t('thread.action.succeeded.password_permanent')}`
          : '';
      const extra = password
        ? t('thread.action.succeeded.password') + permanent
        : action.kind === 'resume'
          ? t('thread.action.succeeded.resume')
          : '';
      const approved = action.approvedBy ? ` ${t('thread.action.approved_by', { approver: action.approvedBy })}` : '';
      return message(
        [t('thread.action.succeeded', { ...common(action), extra }) + approved, identity(action)]
          .filter(Boolean)
          .join('\n'),
      );
    },
    approvalEnded: (_report, action) => {
      if (action.state === 'expired')
        return message(t('thread.action.approval_expired', { ...common(action), minutes: p.approvalExpiryMinutes }));
      const reason = (action.errorKind ?? 'account_changed') as Exclude<ApprovalEndReason, 'expired'>;
      return message(
        t('thread.action.approval_cancelled', { ...common(action), reason: t(`approval.reason.${reason}`) }),
      );
    },
    failed: (_report, action, rejection) => {
      const messages = rejection?.map(escapeMrkdwn).join(' / ');
      // No free seat: explain the seat count and how to free one; running it again changes nothing until then.
      if (action.errorKind === 'no_licence') {
        const own = messages ? `\n${t('thread.action.cybozu_said', { messages })}` : '';
        const id = action.cybozuErrorId ? ` ${t('diag.error.id', { id: escapeMrkdwn(action.cybozuErrorId) })}` : '';
        return message(t('thread.action.failed_no_licence', common(action)) + own + id);
      }
      // cybozu said why (e.g. its password policy): "try again" would be wrong until the settings here match.
      if (messages) return message(t('thread.action.failed_policy', { ...common(action), messages }));
      // A configuration problem (credentials, scope, two-factor on the bot's account…) fails the same way until fixed.
      const key =
        action.errorKind && FIX_FIRST_KINDS.has(action.errorKind)
          ? 'thread.action.failed_fix_first'
          : 'thread.action.failed';
      return message(t(key, { ...common(action), error: errorWords(action, t, p.directoryAuth) }));
    },
    unknown: (_report, action) => message(t('thread.action.unknown', common(action))),
    recorded: (_report, action) => message(t('thread.action.recorded', common(action))),
    reporterPassword: (report, action, secretId, expiresAt) => {
      const rt = translator(report.locale);
      const fate = temporaryPasswordFate(p.settings());
      const key =
        fate === 'changed_at_login'
          ? 'dm.password_ready'
          : fate === 'change_yourself'
            ? 'dm.password_ready.change_yourself'
            : 'dm.password_ready.permanent';
      const text = rt(key, {
        loginName: escapeMrkdwn(action.targetLoginName),
        expires: formatTime(expiresAt, report.locale, p.timezone),
      });
      return {
        text,
        blocks: [
          section(text),
          {
            type: 'actions',
            elements: [button(ActionIds.secretReveal, rt('button.reveal'), String(secretId), 'primary')],
          },
        ],
      };
    },
    reporterDone: (report, action) => {
      const rt = translator(report.locale);
      const kind =
        action.kind === 'resume' || action.kind === 'assign_kintone' || action.kind === 'ask_to_wait'
          ? action.kind
          : 'manual';
      return message(
        rt(`dm.action_done.${kind}`, {
          loginName: escapeMrkdwn(action.targetLoginName),
          minutes: timedUnlockMinutes(p.settings()) ?? DEFAULT_LOCKOUT_MINUTES,
          kind: actionKindLabel(action, rt),
        }),
      );
    },
  };
}
