import { en } from './en.js';
import { ja } from './ja.js';

export type Locale = 'ja' | 'en';
export type MessageKey = keyof typeof ja;
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export const catalogues: Record<Locale, Record<MessageKey, string>> = { ja, en };

/** Slack locales look like `ja-JP` / `en-US`; anything else falls back to the configured default. */
export function localeFromSlack(slackLocale: string | null | undefined, fallback: Locale): Locale {
  const lang = slackLocale?.slice(0, 2).toLowerCase();
  return lang === 'ja' || lang === 'en' ? lang : fallback;
}

/** `{name}` placeholders are filled from params; a missing param stays visible rather than vanishing. */
export function translator(locale: Locale): Translate {
  const catalogue = catalogues[locale];
  return (key, params) => fill(catalogue[key], params);
}

export function fill(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Building an Intl formatter costs ~0.5 ms (it loads ICU data); one per locale and zone is kept. */
const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** Dates as the user reads them, in the team's time zone. */
export function formatTime(ms: number, locale: Locale, timeZone: string): string {
  const key = `${locale} ${timeZone}`;
  let format = timeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-GB', {
      timeZone,
      dateStyle: 'medium',
      timeStyle: 'short',
    });
    timeFormats.set(key, format);
  }
  return format.format(new Date(ms));
}
