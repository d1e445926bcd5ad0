import { describe, expect, it } from 'vitest';
import type { VerifyFailureReason, VerifyOutcome } from '../../../src/identity/oidc.js';
import { CALLBACK_PAGE_HEADERS, CALLBACK_PAGE_TEXT, callbackPage } from '../../../src/identity/pages.js';

const verified: VerifyOutcome = {
  ok: true,
  slackUserId: 'U1',
  identity: { subject: 's', email: 'taro@example.com', emailVerified: true, groups: [] },
};
const failure = (reason: VerifyFailureReason, detail?: string): VerifyOutcome => ({ ok: false, reason, slackUserId: 'U1', ...(detail ? { detail } : {}) });

describe('callbackPage', () => {
  it.each([
    [verified, 200],
    [failure('unknown_state'), 400],
    [failure('expired'), 400],
    [failure('reused'), 400],
    [failure('provider_error', 'access_denied'), 502],
    [failure('provider_error', 'token_endpoint:invalid_client'), 502],
    [failure('invalid_response', 'claim_mismatch:nonce'), 502],
  ] as const)('answers %j with status %i in both languages', (outcome, status) => {
    for (const locale of ['ja', 'en'] as const) {
      const page = callbackPage(outcome, locale);
      expect(page.status).toBe(status);
      expect(page.html).toContain(`<html lang="${locale}">`);
      expect(page.html).toContain('<meta name="robots" content="noindex">');
      expect(page.html).not.toMatch(/<script|<link|<img|src=|https?:\/\//i);
    }
  });

  it('says the account is verified and names the linked e-mail', () => {
    expect(callbackPage(verified, 'en').html).toContain('linked to <strong>taro@example.com</strong>');
    expect(callbackPage(verified, 'ja').html).toContain('本人確認が完了しました');
    const noEmail: VerifyOutcome = { ...verified, identity: { ...verified.identity, email: null } };
    expect(callbackPage(noEmail, 'en').html).toContain('your company account');
  });

  it('tells the user what happened and to ask for a new link', () => {
    expect(callbackPage(failure('expired'), 'en').html).toContain('This link has expired');
    expect(callbackPage(failure('expired'), 'ja').html).toContain('有効期限が切れています');
    expect(callbackPage(failure('reused'), 'en').html).toContain('already been used');
    expect(callbackPage(failure('unknown_state'), 'ja').html).toContain('<strong>/kintone-login verify</strong>');
    expect(callbackPage(failure('provider_error', 'access_denied'), 'ja').html).toContain('サインインが取り消されました');
    expect(callbackPage(failure('invalid_response', 'bad_signature'), 'en').html).toContain('(reference: <strong>bad_signature</strong>)');
  });

  it('escapes everything it puts in the page', () => {
    const hostile: VerifyOutcome = { ...verified, identity: { ...verified.identity, email: '"><script>alert(1)</script>@example.com' } };
    const html = callbackPage(hostile, 'en').html;
    expect(html).not.toContain('<script>');
    expect(html).toContain('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;@example.com');
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

  it('comes with headers that keep the callback URL out of caches and referrers', () => {
    expect(CALLBACK_PAGE_HEADERS).toMatchObject({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
    expect(CALLBACK_PAGE_HEADERS['content-security-policy']).toContain("default-src 'none'");
  });
});
