import { describe, expect, it } from 'vitest';
import type {
  ConfirmFailureReason,
  ConfirmOutcome,
  VerifyFailureReason,
  VerifyOutcome,
} from '../../../src/identity/oidc.js';
import { CALLBACK_PAGE_HEADERS, CALLBACK_PAGE_TEXT, callbackPage, confirmPage } from '../../../src/identity/pages.js';

const TOKEN = 'tok_tok_tok_tok_tok_tok_tok_tok_tok_tok_tok';
const signedIn: VerifyOutcome = {
  ok: true,
  slackUserId: 'U1',
  slackName: 'Yamada Taro',
  identity: { subject: 's', email: 'taro@example.com', emailVerified: true, groups: [] },
  stepUp: false,
  confirmToken: TOKEN,
  confirmExpiresAt: 0,
};
const linked: ConfirmOutcome = {
  ok: true,
  slackUserId: 'U1',
  identity: { subject: 's', email: 'taro@example.com', emailVerified: true, groups: [] },
  stepUp: false,
};
const failure = (reason: VerifyFailureReason, detail?: string): VerifyOutcome => ({
  ok: false,
  reason,
  slackUserId: 'U1',
  ...(detail ? { detail } : {}),
});
const refused = (reason: ConfirmFailureReason): ConfirmOutcome => ({ ok: false, reason, slackUserId: 'U1' });

describe('callbackPage', () => {
  it.each([
    [signedIn, 200],
    [failure('unknown_state'), 400],
    [failure('expired'), 400],
    [failure('reused'), 400],
    [failure('email_unverified'), 400],
    [failure('email_mismatch'), 400],
    [failure('no_slack_email'), 400],
    [failure('stale_sign_in', 'auth_time_too_old'), 400],
    [failure('slack_unavailable'), 503],
    [failure('provider_error', 'access_denied'), 400],
    [failure('provider_error', 'token_endpoint:invalid_client'), 502],
    [failure('invalid_response', 'claim_mismatch:nonce'), 400],
    [failure('provider_error', 'token_endpoint:invalid_grant'), 400],
    [failure('provider_error', 'discovery'), 502],
  ] as const)('answers %j with status %i in both languages', (outcome, status) => {
    for (const locale of ['ja', 'en'] as const) {
      const page = callbackPage(outcome, locale);
      expect(page.status).toBe(status);
      expect(page.html).toContain(`<html lang="${locale}">`);
      expect(page.html).toContain('<meta name="robots" content="noindex">');
      expect(page.html).not.toMatch(/<script|<link|<img|src=|https?:\/\//i);
    }
  });

  it('answers 400 to a callback that names no request of ours, whatever it carries', () => {
    expect(callbackPage({ ok: false, reason: 'provider_error', detail: 'access_denied' }, 'en').status).toBe(400);
    expect(callbackPage({ ok: false, reason: 'unknown_state' }, 'ja').status).toBe(400);
  });

  it('asks the person to confirm, naming the Slack account and the company account, with a form posting the token', () => {
    const { html } = callbackPage(signedIn, 'en');
    expect(html).toContain('Link your Slack account?');
    expect(html).toContain('Slack account: <strong>Yamada Taro</strong>');
    expect(html).toContain('<strong>taro@example.com</strong>');
    expect(html).toContain('<form method="post" action="confirm">');
    expect(html).toContain(`<input type="hidden" name="token" value="${TOKEN}">`);
    expect(html).toContain('<button type="submit">Link</button>');
    expect(callbackPage(signedIn, 'ja').html).toContain('<button type="submit">紐付ける</button>');
    // Only the confirmation page has a form.
    expect(callbackPage(failure('expired'), 'en').html).not.toContain('<form');
  });

  it('says a sign-in with another account linked nothing, without naming the Slack account that asked', () => {
    for (const locale of ['ja', 'en'] as const) {
      const { html } = callbackPage(failure('email_mismatch'), locale);
      expect(html).not.toContain('U1');
      expect(html).not.toContain('<form');
    }
    expect(callbackPage(failure('email_mismatch'), 'en').html).toContain('Nothing was linked');
    expect(callbackPage(failure('email_mismatch'), 'ja').html).toContain('何も紐付けていません');
  });

  it('tells the user what happened and to ask for a new link', () => {
    expect(callbackPage(failure('expired'), 'en').html).toContain('valid for <strong>10</strong> minutes');
    expect(callbackPage(failure('expired'), 'ja').html).toContain('有効期限が切れています');
    expect(callbackPage(failure('reused'), 'en').html).toContain('already been used');
    expect(callbackPage(failure('unknown_state'), 'ja').html).toContain('<strong>/kintone-login verify</strong>');
    expect(callbackPage(failure('provider_error', 'access_denied'), 'ja').html).toContain(
      'サインインが取り消されました',
    );
    expect(callbackPage(failure('invalid_response', 'bad_signature'), 'en').html).toContain(
      '(reference: <strong>bad_signature</strong>)',
    );
    expect(callbackPage(failure('slack_unavailable'), 'en').html).toContain('reload this page');
    expect(callbackPage(failure('stale_sign_in', 'no_auth_time'), 'en').html).toContain('Please sign in again');
  });

  it('escapes everything it puts in the page', () => {
    const hostile: VerifyOutcome = {
      ...signedIn,
      slackName: '<img src=x onerror=alert(1)>',
      identity: { ...signedIn.identity, email: '"><script>alert(1)</script>@example.com' },
    } as VerifyOutcome;
    const html = callbackPage(hostile, 'en').html;
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;@example.com');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(callbackPage(failure('provider_error', '<b>x</b>'), 'ja').html).toContain('&lt;b&gt;x&lt;/b&gt;');
  });

  it('has every page in both languages', () => {
    expect(Object.keys(CALLBACK_PAGE_TEXT.en).sort()).toEqual(Object.keys(CALLBACK_PAGE_TEXT.ja).sort());
    for (const locale of ['ja', 'en'] as const) {
      for (const text of Object.values(CALLBACK_PAGE_TEXT[locale])) {
        expect(text.title).not.toBe('');
        expect(text.body.length).toBeGreaterThan(0);
      }
    }
  });

  it('comes with headers that keep the pages out of caches, referrers and frames, and let the form post only here', () => {
    expect(CALLBACK_PAGE_HEADERS).toMatchObject({
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
    });
    const csp = CALLBACK_PAGE_HEADERS['content-security-policy']!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("form-action 'self'");
  });
});

describe('confirmPage', () => {
  it.each([
    [linked, 200],
    [refused('unknown_token'), 400],
    [refused('expired'), 400],
    [refused('reused'), 400],
    [refused('email_mismatch'), 400],
    [refused('no_slack_email'), 400],
    [refused('slack_unavailable'), 503],
    ['refused', 403],
  ] as const)('answers %j with status %i in both languages, without a form', (outcome, status) => {
    for (const locale of ['ja', 'en'] as const) {
      const page = confirmPage(outcome, locale);
      expect(page.status).toBe(status);
      expect(page.html).toContain(`<html lang="${locale}">`);
      expect(page.html).not.toContain('<form');
    }
  });

  it('says the account is linked and names the e-mail, or why nothing was', () => {
    expect(confirmPage(linked, 'en').html).toContain('linked to <strong>taro@example.com</strong>');
    expect(confirmPage(linked, 'ja').html).toContain('本人確認が完了しました');
    expect(confirmPage(refused('reused'), 'en').html).toContain('already been used');
    expect(confirmPage(refused('expired'), 'ja').html).toContain('<strong>10</strong> 分以内');
    expect(confirmPage('refused', 'en').html).toContain('Nothing was linked');
  });
});
