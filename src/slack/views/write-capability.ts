import type { WriteCapability } from '../../directory/write-capability.js';
import { formatTime, type Locale, type Translate } from '../../i18n/index.js';
import { escapeMrkdwn } from './blocks.js';

/** "Can the bot change users?" for admins (App Home, `diagnose`), with the fix when it cannot. */
export function writeCapabilityText(
  capability: WriteCapability,
  p: { t: Translate; locale: Locale; timezone: string; login: string | null },
): string {
  const { t } = p;
  const login = escapeMrkdwn(p.login ?? '');
  const body = (() => {
    switch (capability.verdict) {
      case 'administrator':
        return t('diag.write.administrator', { login });
      case 'not_administrator':
        return t('diag.write.not_administrator', { login });
      case 'scope_unknown':
        return t('diag.write.scope_unknown');
      case 'refused': {
        const fix = t(capability.auth === 'token' ? 'diag.error.forbidden_token' : 'diag.error.forbidden_password');
        const id = capability.cybozuErrorId
          ? ` ${t('diag.error.id', { id: escapeMrkdwn(capability.cybozuErrorId) })}`
          : '';
        return t('diag.write.refused', { time: formatTime(capability.since, p.locale, p.timezone), fix }) + id;
      }
      case 'unknown':
        return t('diag.write.unknown', { problem: escapeMrkdwn(capability.problem) });
    }
  })();
  return `${t('diag.write.title')}\n${body}`;
}
