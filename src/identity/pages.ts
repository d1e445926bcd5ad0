import {
  CONFIRM_TTL_MS,
  REQUEST_TTL_MS,
  type ConfirmFailureReason,
  type ConfirmOutcome,
  type VerifyFailureReason,
  type VerifyOutcome,
} from './oidc.js';

export type PageLocale = 'ja' | 'en';

/**
 * Headers to send with every single sign-on page: the callback URL holds a one-time code and the confirmation
 * page a one-time token, so nothing may cache them, leak them as a referrer or frame them (a framed confirmation
 * could be clicked by someone who cannot see it). The pages load nothing (their only style is inline) and their
 * only form posts back to this origin.
 */
export const CALLBACK_PAGE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  pragma: 'no-cache',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-robots-tag': 'noindex',
});

interface PageText {
  title: string;
  /** Paragraphs; `{email}`, `{name}`, `{command}`, `{minutes}` and `{detail}` are filled in (escaped). */
  body: string[];
  /** The confirmation page's button. */
  button?: string;
}

/** A page for every way a sign-in or its confirmation can end (a cancelled sign-in has a page of its own). */
type PageKey =
  | 'confirm'
  | 'verified'
  | 'access_denied'
  | VerifyFailureReason
  | 'confirm_unknown'
  | 'confirm_expired'
  | 'confirm_reused';

const TEXT: Record<PageLocale, Record<PageKey, PageText>> = {
  ja: {
    confirm: {
      title: 'Slack アカウントとの紐付けの確認',
      body: [
        'サインインした会社のアカウント {email} を、次の Slack アカウントに紐付けます。',
        'Slack アカウント: {name}',
        'ご自身の Slack アカウントであれば「紐付ける」を押してください。心当たりがない場合は、このページを閉じてください。何も紐付けません。',
        'このページは {minutes} 分間有効です。',
      ],
      button: '紐付ける',
    },
    verified: {
      title: '本人確認が完了しました',
      body: ['Slack のアカウントを {email} に紐付けました。', 'このタブを閉じて Slack に戻ってください。'],
    },
    unknown_state: {
      title: 'このリンクは無効です',
      body: [
        '本人確認のリンクを確認できませんでした。何も紐付けていません。',
        'Slack で {command} を実行して、新しいリンクを受け取ってください。',
      ],
    },
    expired: {
      title: 'リンクの有効期限が切れています',
      body: [
        '本人確認のリンクは {minutes} 分間だけ有効です。何も紐付けていません。',
        'Slack で {command} を実行して、新しいリンクを受け取ってください。',
      ],
    },
    reused: {
      title: 'このリンクは使用済みです',
      body: [
        '本人確認のリンクは 1 回だけ使えます。',
        '確認がまだ終わっていない場合は、Slack で {command} を実行して新しいリンクを受け取ってください。',
      ],
    },
    access_denied: {
      title: 'サインインが取り消されました',
      body: [
        'サインインが取り消されたか、拒否されました。何も紐付けていません。',
        'やり直すときは Slack で {command} を実行してください。',
      ],
    },
    provider_error: {
      title: 'ID プロバイダーでエラーが発生しました',
      body: [
        'ID プロバイダーがエラーを返したため、何も紐付けていません。',
        'Slack で {command} を実行してやり直してください。続く場合は管理者に連絡してください(参照コード: {detail})。',
      ],
    },
    invalid_response: {
      title: '本人確認に失敗しました',
      body: [
        'ID プロバイダーからの応答を検証できなかったため、何も紐付けていません。',
        'Slack で {command} を実行してやり直してください。続く場合は管理者に連絡してください(参照コード: {detail})。',
      ],
    },
    email_unverified: {
      title: 'メールアドレスを確認できませんでした',
      body: [
        'ID プロバイダーが、サインインしたアカウントのメールアドレスを確認済みとして返さなかったため、何も紐付けていません。',
        'お手数ですが管理者に連絡してください。',
      ],
    },
    email_mismatch: {
      title: '別のアカウントでサインインされました',
      body: [
        'このリンクは、サインインした会社のアカウントとは別の人の Slack アカウントのために発行されたものです。何も紐付けていません。',
        '本人確認のリンクは、発行した本人だけが使えます。ご自身の本人確認は、Slack で {command} を実行して受け取ったリンクから、ご自身の会社のアカウントでサインインしてください。',
      ],
    },
    no_slack_email: {
      title: '本人確認ができませんでした',
      body: [
        'このリンクを発行した Slack アカウントにメールアドレスが登録されていないため、照合できず、何も紐付けていません。',
        'お手数ですが管理者に連絡してください。',
      ],
    },
    slack_unavailable: {
      title: 'しばらくしてからもう一度お試しください',
      body: [
        'Slack に接続できず、このリンクを発行したアカウントを照合できなかったため、まだ何も紐付けていません。',
        '少し待ってからこのページを再読み込みしてください。うまくいかない場合は、Slack で {command} を実行して新しいリンクを受け取ってください。',
      ],
    },
    stale_sign_in: {
      title: 'もう一度サインインが必要です',
      body: [
        '管理者の操作には、その場でのサインインが必要です。ID プロバイダーが改めてサインインを求めなかったため、何も紐付けていません。',
        'Slack で {command} を実行し、新しいリンクからもう一度サインインしてください。続く場合は管理者に連絡してください(参照コード: {detail})。',
      ],
    },
    confirm_unknown: {
      title: 'この確認は無効です',
      body: [
        '紐付けの確認を受け付けられませんでした。何も紐付けていません。',
        'Slack で {command} を実行して、新しいリンクからやり直してください。',
      ],
    },
    confirm_expired: {
      title: '確認の有効期限が切れています',
      body: [
        '紐付けの確認は {minutes} 分以内に行う必要があります。何も紐付けていません。',
        'Slack で {command} を実行して、新しいリンクからやり直してください。',
      ],
    },
    confirm_reused: {
      title: 'この確認は使用済みです',
      body: [
        'この紐付けの確認はすでに送信されています。',
        '確認がまだ終わっていない場合は、Slack で {command} を実行して新しいリンクからやり直してください。',
      ],
    },
  },
  en: {
    confirm: {
      title: 'Link your Slack account?',
      body: [
        'This links the company account you signed in with, {email}, to the Slack account below.',
        'Slack account: {name}',
        'If this is your Slack account, press "Link". If it is not, close this page: nothing will be linked.',
        'This page is valid for {minutes} minutes.',
      ],
      button: 'Link',
    },
    verified: {
      title: 'Verified',
      body: ['Your Slack account is now linked to {email}.', 'You can close this tab and return to Slack.'],
    },
    unknown_state: {
      title: 'This link is not valid',
      body: [
        'The verification link was not recognised. Nothing was linked.',
        'Run {command} in Slack to get a new link.',
      ],
    },
    expired: {
      title: 'This link has expired',
      body: [
        'Verification links are valid for {minutes} minutes. Nothing was linked.',
        'Run {command} in Slack to get a new link.',
      ],
    },
    reused: {
      title: 'This link has already been used',
      body: [
        'Each verification link works only once.',
        'If you have not finished verifying, run {command} in Slack to get a new link.',
      ],
    },
    access_denied: {
      title: 'Sign-in was cancelled',
      body: ['Sign-in was cancelled or refused. Nothing was linked.', 'To try again, run {command} in Slack.'],
    },
    provider_error: {
      title: 'The identity provider returned an error',
      body: [
        'Nothing was linked because the identity provider returned an error.',
        'Run {command} in Slack to try again. If it keeps failing, tell your administrator (reference: {detail}).',
      ],
    },
    invalid_response: {
      title: 'Verification failed',
      body: [
        'The answer from the identity provider could not be verified, so nothing was linked.',
        'Run {command} in Slack to try again. If it keeps failing, tell your administrator (reference: {detail}).',
      ],
    },
    email_unverified: {
      title: 'Your e-mail address could not be confirmed',
      body: [
        'The identity provider did not confirm the e-mail address of the account you signed in with, so nothing was linked.',
        'Please tell your administrator.',
      ],
    },
    email_mismatch: {
      title: 'Signed in with a different account',
      body: [
        "This link was made for someone else's Slack account, not for the company account you signed in with. Nothing was linked.",
        'A verification link only works for the person who asked for it. To verify yourself, run {command} in Slack and sign in with your own company account from the link you get.',
      ],
    },
    no_slack_email: {
      title: 'Verification was not possible',
      body: [
        'The Slack account that asked for this link has no e-mail address to compare with, so nothing was linked.',
        'Please tell your administrator.',
      ],
    },
    slack_unavailable: {
      title: 'Please try again in a moment',
      body: [
        'Slack could not be reached to check the account that asked for this link, so nothing has been linked yet.',
        'Wait a moment, then reload this page. If that does not help, run {command} in Slack to get a new link.',
      ],
    },
    stale_sign_in: {
      title: 'Please sign in again',
      body: [
        'Administrator actions need a sign-in made just now. The identity provider did not ask you to sign in again, so nothing was linked.',
        'Run {command} in Slack and sign in again from the new link. If it keeps happening, tell your administrator (reference: {detail}).',
      ],
    },
    confirm_unknown: {
      title: 'This confirmation is not valid',
      body: [
        'The confirmation could not be accepted. Nothing was linked.',
        'Run {command} in Slack and start again from a new link.',
      ],
    },
    confirm_expired: {
      title: 'This confirmation has expired',
      body: [
        'Linking must be confirmed within {minutes} minutes. Nothing was linked.',
        'Run {command} in Slack and start again from a new link.',
      ],
    },
    confirm_reused: {
      title: 'This confirmation has already been used',
      body: [
        'This confirmation was already sent.',
        'If you have not finished verifying, run {command} in Slack and start again from a new link.',
      ],
    },
  },
};

/** Every page text, for a test that checks both languages say something for every outcome. */
export const CALLBACK_PAGE_TEXT = TEXT;

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

interface PageOptions {
  command?: string;
}

/**
 * The page the browser lands on after `GET /oidc/callback`: self-contained HTML (inline style, no scripts, no
 * external assets), not indexed. 200 with the confirmation form (naming the Slack account, posting the one-time
 * token to `confirm`, i.e. /oidc/confirm beside the callback) when the sign-in passed every check; 400 when the
 * link is unknown, expired or used or the sign-in does not fit it (and for anything that names no request of
 * ours); 502 when the identity provider answered a request of ours with an error or with something that failed
 * validation; 503 when Slack could not be asked (reloading may work).
 */
export function callbackPage(
  outcome: VerifyOutcome,
  locale: PageLocale,
  opts: PageOptions = {},
): { status: number; html: string } {
  if (outcome.ok) {
    return render(
      'confirm',
      locale,
      200,
      {
        ...values(opts),
        email: outcome.identity.email ?? '',
        name: outcome.slackName ?? outcome.slackUserId,
        minutes: String(CONFIRM_TTL_MS / 60_000),
      },
      { token: outcome.confirmToken },
    );
  }
  const key: PageKey =
    outcome.reason === 'provider_error' && outcome.detail === 'access_denied' ? 'access_denied' : outcome.reason;
  // A callback that names no request of ours is the client's mistake (400), whatever else it carries.
  const anonymous = outcome.slackUserId === undefined;
  const status = anonymous ? 400 : outcome.reason === 'slack_unavailable' ? 503 : providerAtFault(outcome) ? 502 : 400;
  return render(key, locale, status, {
    ...values(opts),
    detail: outcome.detail ?? outcome.reason,
    minutes: String(REQUEST_TTL_MS / 60_000),
  });
}

/**
 * 502 only when the provider (or our registration there) failed: unreachable, timed out, discovery, our client
 * refused. What the browser brought back (a cancelled sign-in, a code that is used, forged or stale, a token
 * that does not fit the request) is the client's answer to give again: 400, never a 5xx.
 */
function providerAtFault(outcome: { reason: string; detail?: string }): boolean {
  if (outcome.reason !== 'provider_error') return false;
  return /^(discovery|timeout|unexpected_http_response|token_endpoint:(invalid_client|unauthorized_client|server_error|temporarily_unavailable))/.test(
    outcome.detail ?? '',
  );
}

/**
 * The page after `POST /oidc/confirm`: 200 when linked; 400 when the token is unknown, expired or used or the
 * e-mail no longer fits; 503 when Slack could not be asked (sending again may work); 403 when `refused`
 * (the form was not sent from our own page).
 */
export function confirmPage(
  outcome: ConfirmOutcome | 'refused',
  locale: PageLocale,
  opts: PageOptions = {},
): { status: number; html: string } {
  if (outcome === 'refused') return render('confirm_unknown', locale, 403, values(opts));
  if (outcome.ok) return render('verified', locale, 200, { ...values(opts), email: outcome.identity.email ?? '' });
  return render(CONFIRM_FAILURE_PAGES[outcome.reason], locale, outcome.reason === 'slack_unavailable' ? 503 : 400, {
    ...values(opts),
    minutes: String(CONFIRM_TTL_MS / 60_000),
  });
}

const CONFIRM_FAILURE_PAGES: Record<ConfirmFailureReason, PageKey> = {
  unknown_token: 'confirm_unknown',
  expired: 'confirm_expired',
  reused: 'confirm_reused',
  email_mismatch: 'email_mismatch',
  no_slack_email: 'no_slack_email',
  slack_unavailable: 'slack_unavailable',
};

function values(opts: PageOptions): Record<string, string> {
  return { command: opts.command ?? '/kintone-login verify' };
}

function render(
  key: PageKey,
  locale: PageLocale,
  status: number,
  values: Record<string, string>,
  form?: { token: string },
): { status: number; html: string } {
  const text = TEXT[locale][key];
  const fill = (s: string) =>
    escapeHtml(s).replace(/\{(\w+)\}/g, (_, name: string) => `<strong>${escapeHtml(values[name] ?? '')}</strong>`);
  const ok = status < 300;
  const mark = key === 'verified' ? '✓' : ok ? '?' : '!';
  const formHtml = form
    ? `<form method="post" action="confirm">
<input type="hidden" name="token" value="${escapeHtml(form.token)}">
<button type="submit">${escapeHtml(text.button ?? '')}</button>
</form>
`
    : '';
  const html = htmlPage(
    locale,
    text.title,
    text.body.map((p) => `<p>${fill(p)}</p>`).join('\n'),
    key === 'verified' ? 'ok' : ok ? 'ask' : 'error',
    mark,
    formHtml,
  );
  return { status, html };
}

/**
 * A plain page for the self-service sign-in's return (issue 15): a title and paragraphs of text (escaped here),
 * with the same headers and look as the verification pages.
 */
export function messagePage(
  locale: PageLocale,
  status: number,
  title: string,
  paragraphs: string[],
  tone: 'ok' | 'error',
): { status: number; html: string } {
  return {
    status,
    html: htmlPage(
      locale,
      title,
      paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n'),
      tone,
      tone === 'ok' ? '✓' : '!',
      '',
    ),
  };
}

function htmlPage(
  locale: PageLocale,
  title: string,
  bodyHtml: string,
  tone: 'ok' | 'ask' | 'error',
  mark: string,
  formHtml: string,
): string {
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)} — kintone-login</title>
<style>
body{margin:0;font-family:system-ui,-apple-system,"Hiragino Sans","Hiragino Kaku Gothic ProN","Noto Sans JP",Meiryo,sans-serif;background:#f4f5f7;color:#1d1c1d;line-height:1.6}
main{max-width:32rem;margin:4rem auto;padding:2rem;background:#fff;border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.12)}
h1{font-size:1.3rem;margin:0 0 1rem;display:flex;align-items:center;gap:.6rem}
.mark{display:inline-flex;width:1.8rem;height:1.8rem;border-radius:50%;align-items:center;justify-content:center;color:#fff;font-size:1rem;flex:none}
.ok .mark{background:#2e7d32}.ask .mark{background:#1565c0}.error .mark{background:#c62828}
p{margin:.5rem 0}
button{margin-top:1rem;padding:.6rem 1.4rem;font:inherit;font-weight:600;color:#fff;background:#1565c0;border:0;border-radius:6px;cursor:pointer}
</style>
</head>
<body>
<main class="${tone}">
<h1><span class="mark" aria-hidden="true">${mark}</span>${escapeHtml(title)}</h1>
${bodyHtml}
${formHtml}</main>
</body>
</html>
`;
}
