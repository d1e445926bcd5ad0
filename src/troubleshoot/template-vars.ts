/**
 * Values for the tree's placeholders, built from the app's configuration. Without a configured cybozu URL the
 * URLs become a plain description of where to look, so users never see a raw "{loginUrl}".
 */
import type { Facts, Locale, TemplateVars } from './schema.js';

/** Lockout duration cybozu.com uses unless an admin changes it (common administration → セキュリティ → ログイン). */
export const DEFAULT_LOCKOUT_MINUTES = 3;

/** cybozu's help page for "I forgot my login URL". */
export const FORGOT_URL_HELP: Readonly<Record<Locale, string>> = {
  ja: 'https://jp.cybozu.help/general/ja/login/forgot_url.html',
  en: 'https://jp.cybozu.help/general/en/login/forgot_url.html',
};

const UNKNOWN_LOGIN_URL: Readonly<Record<Locale, string>> = {
  ja: '会社のcybozu.comのURL(https://(サブドメイン名).cybozu.com)',
  en: "your company's cybozu.com address (https://(subdomain).cybozu.com)",
};

export type TemplateVarsOptions = {
  /** e.g. https://example.cybozu.com (CYBOZU_BASE_URL) */
  baseUrl?: string | undefined;
  /** a separate self-service reset URL; defaults to the login page, which carries the 「ログインでお困りですか?」 link */
  resetUrl?: string | undefined;
  forgotUrl?: string | undefined;
  lockoutMinutes?: number | undefined;
};

/** The tree's facts that come from the environment settings (they win over the directory's). */
export function settingsFacts(s: { selfReset: boolean; lockoutReleasedByTime: boolean }): Facts {
  return {
    ...(s.selfReset ? {} : { email_usable_for_reset: 'no' as const }),
    ...(s.lockoutReleasedByTime ? {} : { lockout_released_by_time: 'no' as const }),
  };
}

export function buildTemplateVars(options: TemplateVarsOptions, locale: Locale): Required<TemplateVars> {
  const base = options.baseUrl?.trim().replace(/\/+$/, '');
  const loginUrl = base ? `${base}/login` : UNKNOWN_LOGIN_URL[locale];
  return {
    loginUrl,
    kintoneUrl: base ? `${base}/k/` : UNKNOWN_LOGIN_URL[locale],
    resetUrl: options.resetUrl ?? loginUrl,
    forgotUrl: options.forgotUrl ?? FORGOT_URL_HELP[locale],
    lockoutMinutes: options.lockoutMinutes ?? DEFAULT_LOCKOUT_MINUTES,
  };
}
