import type { AccountOutcome } from '../../diagnosis/account-diagnosis.js';
import { loginUrl } from '../../directory/base-url.js';
import type { EnvironmentCheck } from '../../directory/environment-check.js';
import type { DirectoryError } from '../../directory/errors.js';
import type { MessageKey, Translate } from '../../i18n/index.js';
import { divider, escapeMrkdwn, section } from './blocks.js';

const VERDICT_ICON = { ok: ':white_check_mark:', fail: ':x:', skipped: ':heavy_minus_sign:' } as const;

export interface DiagnosisView {
  baseUrl: URL;
  environment: EnvironmentCheck[] | null;
  account: AccountOutcome;
  /** Whose account: the caller's own, or someone an admin named. */
  subject: { self: true } | { self: false; who: string };
}

/** The `diagnose` answer: environment checks with latency, then the account's findings and what to do. */
export function diagnosisMessage(v: DiagnosisView, t: Translate) {
  const login = loginUrl(v.baseUrl).href;
  const blocks: unknown[] = [section(t('diag.title'))];
  if (v.environment) {
    const lines = v.environment.map((c) => {
      const detail = [c.detail?.kind, c.detail?.status, c.detail?.networkCode]
        .filter((x) => x !== undefined)
        .join(', ');
      const latency = c.verdict === 'skipped' ? '' : ` · ${c.latencyMs} ms`;
      return `${VERDICT_ICON[c.verdict]} ${t(`diag.env.${c.check}`)}: ${t(`diag.verdict.${c.verdict}`)}${latency}${detail ? ` (${escapeMrkdwn(detail)})` : ''}`;
    });
    const failed = v.environment.some((c) => c.verdict === 'fail');
    blocks.push(
      section(
        [
          t('diag.env.title', { url: v.baseUrl.origin }),
          ...lines,
          failed ? t('diag.env.some_failed') : t('diag.env.all_ok'),
        ].join('\n'),
      ),
    );
  }
  blocks.push(divider());
  const title = v.subject.self ? t('diag.account.title_self') : t('diag.account.title_other', { who: v.subject.who });
  blocks.push(section([title, ...accountLines(v.account, t, login)].join('\n')));
  const text = [t('diag.title'), ...blocks.slice(1).map((b) => (b as { text?: { text: string } }).text?.text ?? '')]
    .filter(Boolean)
    .join('\n');
  return { text, blocks };
}

function accountLines(outcome: AccountOutcome, t: Translate, login: string): string[] {
  switch (outcome.kind) {
    case 'no_email':
      return [t('diag.account.no_email')];
    case 'no_account_for_email':
      return [t('diag.account.no_account_for_email', { email: escapeMrkdwn(outcome.email) })];
    case 'error':
      return directoryErrorLines(outcome.error, t);
    case 'diagnosed': {
      const lines: string[] = [];
      if (outcome.accounts.length > 1) lines.push(t('diag.account.shared_note', { count: outcome.accounts.length }));
      let problems = false;
      for (const account of outcome.accounts) {
        if (account.user)
          lines.push(
            t('diag.account.login_name', {
              loginName: escapeMrkdwn(account.user.loginName),
              name: escapeMrkdwn(account.user.name),
            }),
          );
        for (const finding of account.findings) {
          problems ||= finding.severity === 'problem';
          lines.push(
            `${finding.severity === 'ok' ? VERDICT_ICON.ok : ':warning:'} ${t(`diag.finding.${finding.code}`, { loginUrl: login })}`,
          );
        }
      }
      lines.push(problems ? t('diag.account.has_problems') : t('diag.account.all_ok', { loginUrl: login }));
      return lines;
    }
  }
}

/** A directory failure in plain words, with cybozu's error id for support. */
export function directoryErrorLines(error: DirectoryError, t: Translate): string[] {
  const key: MessageKey = `diag.error.${error.kind}`;
  const seconds = 'timeoutMs' in error ? Math.round(Number(error.timeoutMs) / 1000) : '';
  const lines = [`:warning: ${t(key, { seconds })}`];
  if (error.cybozuErrorId) lines.push(t('diag.error.id', { id: escapeMrkdwn(error.cybozuErrorId) }));
  return lines;
}
