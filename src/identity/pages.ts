import type { VerifyOutcome } from './oidc.js';

export type PageLocale = 'ja' | 'en';

/**
 * Headers to send with every callback page: the callback URL holds a one-time code, so nothing may cache it or
 * leak it as a referrer, and the page loads nothing (its only style is inline).
 */
export const CALLBACK_PAGE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-robots-tag': 'noindex',
});

interface PageText {
  title: string;
  /** Paragraphs; `{email}`, `{command}` and `{detail}` are filled in (escaped). */
  body: string[];
}

type PageKey = 'verified' | 'verified_no_email' | 'unknown_state' | 'expired' | 'reused' | 'access_denied' | 'provider_error' | 'invalid_response';

const TEXT: Record<PageLocale, Record<PageKey, PageText>> = {
  ja: {
    verified: {
      title: '本人確認が完了しました',
      body: ['Slack のアカウントを {email} に紐付けました。', 'このタブを閉じて Slack に戻ってください。'],
    },
    verified_no_email: {
      title: '本人確認が完了しました',
      body: ['Slack のアカウントを会社のアカウントに紐付けました。', 'このタブを閉じて Slack に戻ってください。'],
    },
    unknown_state: {
      title: 'このリンクは無効です',
      body: ['本人確認のリンクを確認できませんでした。何も紐付けていません。', 'Slack で {command} を実行して、新しいリンクを受け取ってください。'],
    },
    expired: {
      title: 'リンクの有効期限が切れています',
      body: ['本人確認のリンクは 10 分間だけ有効です。何も紐付けていません。', 'Slack で {command} を実行して、新しいリンクを受け取ってください。'],
    },
    reused: {
      title: 'このリンクは使用済みです',
      body: ['本人確認のリンクは 1 回だけ使えます。', '確認がまだ終わっていない場合は、Slack で {command} を実行して新しいリンクを受け取ってください。'],
    },
    access_denied: {
      title: 'サインインが取り消されました',
      body: ['サインインが取り消されたか、拒否されました。何も紐付けていません。', 'やり直すときは Slack で {command} を実行してください。'],
    },
    provider_error: {
      title: 'ID プロバイダーでエラーが発生しました',
      body: ['ID プロバイダーがエラーを返したため、何も紐付けていません。', 'Slack で {command} を実行してやり直してください。続く場合は管理者に連絡してください(参照コード: {detail})。'],
    },
    invalid_response: {
      title: '本人確認に失敗しました',
      body: ['ID プロバイダーからの応答を検証できなかったため、何も紐付けていません。', 'Slack で {command} を実行してやり直してください。続く場合は管理者に連絡してください(参照コード: {detail})。'],
    },
  },
  en: {
    verified: {
      title: 'Verified',
      body: ['Your Slack account is now linked to {email}.', 'You can close this tab and return to Slack.'],
    },
    verified_no_email: {
      title: 'Verified',
      body: ['Your Slack account is now linked to your company account.', 'You can close this tab and return to Slack.'],
    },
    unknown_state: {
      title: 'This link is not valid',
      body: ['The verification link was not recognised. Nothing was linked.', 'Run {command} in Slack to get a new link.'],
    },
    expired: {
      title: 'This link has expired',
      body: ['Verification links are valid for 10 minutes. Nothing was linked.', 'Run {command} in Slack to get a new link.'],
    },
    reused: {
      title: 'This link has already been used',
      body: ['Each verification link works only once.', 'If you have not finished verifying, run {command} in Slack to get a new link.'],
    },
    access_denied: {
      title: 'Sign-in was cancelled',
      body: ['Sign-in was cancelled or refused. Nothing was linked.', 'To try again, run {command} in Slack.'],
    },
    provider_error: {
      title: 'The identity provider returned an error',
      body: ['Nothing was linked because the identity provider returned an error.', 'Run {command} in Slack to try again. If it keeps failing, tell your administrator (reference: {detail}).'],
    },
    invalid_response: {
      title: 'Verification failed',
      body: ['The answer from the identity provider could not be verified, so nothing was linked.', 'Run {command} in Slack to try again. If it keeps failing, tell your administrator (reference: {detail}).'],
    },
  },
};

/** Every page text, for a test that checks both languages say something for every outcome. */
export const CALLBACK_PAGE_TEXT = TEXT;

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * The page the browser lands on after `GET /oidc/callback`: self-contained HTML (inline style, no scripts, no
 * external assets), not indexed. 200 when verified; 400 when the link is unknown, expired or used; 502 when the
 * identity provider answered with an error or with something that failed validation.
 */
export function callbackPage(outcome: VerifyOutcome, locale: PageLocale, opts: { command?: string } = {}): { status: number; html: string } {
  const key = pageKey(outcome);
  const text = TEXT[locale][key];
  const values: Record<string, string> = {
    email: outcome.ok ? (outcome.identity.email ?? '') : '',
    command: opts.command ?? '/kintone-login verify',
    detail: !outcome.ok ? (outcome.detail ?? outcome.reason) : '',
  };
  const fill = (s: string) => escapeHtml(s).replace(/\{(\w+)\}/g, (_, name: string) => `<strong>${escapeHtml(values[name] ?? '')}</strong>`);
  const status = outcome.ok ? 200 : outcome.reason === 'provider_error' || outcome.reason === 'invalid_response' ? 502 : 400;
  const mark = outcome.ok ? '✓' : '!';
  const html = `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(text.title)} — kintone-login</title>
<style>
body{margin:0;font-family:system-ui,-apple-system,"Hiragino Sans","Hiragino Kaku Gothic ProN","Noto Sans JP",Meiryo,sans-serif;background:#f4f5f7;color:#1d1c1d;line-height:1.6}
main{max-width:32rem;margin:4rem auto;padding:2rem;background:#fff;border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.12)}
h1{font-size:1.3rem;margin:0 0 1rem;display:flex;align-items:center;gap:.6rem}
.mark{display:inline-flex;width:1.8rem;height:1.8rem;border-radius:50%;align-items:center;justify-content:center;color:#fff;font-size:1rem;flex:none}
.ok .mark{background:#2e7d32}.error .mark{background:#c62828}
p{margin:.5rem 0}
</style>
</head>
<body>
<main class="${outcome.ok ? 'ok' : 'error'}">
<h1><span class="mark" aria-hidden="true">${mark}</span>${escapeHtml(text.title)}</h1>
${text.body.map((p) => `<p>${fill(p)}</p>`).join('\n')}
</main>
</body>
</html>
`;
  return { status, html };
}

function pageKey(outcome: VerifyOutcome): PageKey {
  if (outcome.ok) return outcome.identity.email ? 'verified' : 'verified_no_email';
  if (outcome.reason === 'provider_error' && outcome.detail === 'access_denied') return 'access_denied';
  return outcome.reason;
}
