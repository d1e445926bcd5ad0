import type { Harness } from './app-harness.js';
import { loginThrough, startOidcProvider, type ProviderBrowser, type RunningOidcProvider } from './oidc-provider.js';

/** A page the app answered on /oidc/callback or /oidc/confirm, as the browser got it. */
export interface SsoPage {
  status: number;
  html: string;
  headers: Headers;
}

/** `/kintone-login verify` → the link behind the button of the ephemeral answer. */
export async function verifyLink(h: Harness, userId: string): Promise<string> {
  const url = h.slack.responseUrl(`verify-${userId}-${Math.random()}`);
  await h.client.slashCommand({ userId, text: 'verify', responseUrl: url });
  await h.app.idle();
  const answer = h.slack.calls
    .filter((c) => c.method === 'response_url' && c.args._path === new URL(url).pathname)
    .at(-1)!;
  return linkIn(answer.args.blocks);
}

/** The sign-in URL behind the button in some blocks (an ephemeral answer, a modal). */
export function linkIn(blocks: unknown): string {
  const match = JSON.stringify(blocks).match(/"url":"([^"]+)"/);
  if (!match) throw new Error(`no link in ${JSON.stringify(blocks).slice(0, 300)}`);
  return match[1]!.replace(/\\u0026/g, '&');
}

/** The browser comes back to the app's /oidc/callback with what the provider put in the redirect. */
export async function openCallback(h: Harness, redirect: URL): Promise<SsoPage> {
  const res = await fetch(`${h.baseUrl}/oidc/callback${redirect.search}`);
  return { status: res.status, html: await res.text(), headers: res.headers };
}

/** The one-time token in the confirmation page's form. */
export function confirmTokenIn(html: string): string {
  const match = html.match(/<input type="hidden" name="token" value="([^"]+)">/);
  if (!match) throw new Error(`no confirmation form in ${html.slice(0, 300)}`);
  return match[1]!;
}

/**
 * Presses the confirmation page's button: POST /oidc/confirm with the form's token, as a browser sends it from
 * our own page (same origin, and `Origin: null` because the page sends no referrer). `headers` override that.
 */
export async function postConfirm(h: Harness, body: string, headers: Record<string, string> = {}): Promise<SsoPage> {
  const res = await fetch(`${h.baseUrl}/oidc/confirm`, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'sec-fetch-site': 'same-origin',
      origin: 'null',
      ...headers,
    },
  });
  return { status: res.status, html: await res.text(), headers: res.headers };
}

export function confirmFrom(h: Harness, page: SsoPage, headers?: Record<string, string>): Promise<SsoPage> {
  return postConfirm(h, new URLSearchParams({ token: confirmTokenIn(page.html) }).toString(), headers);
}

/** The whole flow for a Slack user: link → sign in at the provider as `login` → callback page → confirm. */
export async function verifyThrough(
  h: Harness,
  userId: string,
  login: string,
  opts: { browser?: ProviderBrowser; link?: string } = {},
): Promise<SsoPage> {
  const link = opts.link ?? (await verifyLink(h, userId));
  const page = await openCallback(h, await loginThrough(link, login, opts.browser ? { browser: opts.browser } : {}));
  if (page.status !== 200)
    throw new Error(
      `callback answered ${page.status}: ${page.html
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .slice(0, 400)}`,
    );
  return confirmFrom(h, page);
}

/** The client every SSO test registers at its local provider, and the redirect it uses. */
export const TEST_CLIENT = { clientId: 'kintone-login', clientSecret: 'client-secret-for-tests' };
export const TEST_REDIRECT = 'http://127.0.0.1:1/oidc/callback';

/** A local provider with TEST_CLIENT registered and these accounts. */
export function startTestProvider(
  accounts: Parameters<typeof startOidcProvider>[0]['accounts'],
): Promise<RunningOidcProvider> {
  return startOidcProvider({ ...TEST_CLIENT, redirectUri: TEST_REDIRECT, accounts });
}

/** The OIDC_* variables that point the app at a test provider. */
export function oidcEnv(provider: RunningOidcProvider): Record<string, string> {
  return {
    OIDC_ISSUER: provider.url,
    OIDC_CLIENT_ID: TEST_CLIENT.clientId,
    OIDC_CLIENT_SECRET: TEST_CLIENT.clientSecret,
    OIDC_REDIRECT_URL: TEST_REDIRECT,
  };
}
