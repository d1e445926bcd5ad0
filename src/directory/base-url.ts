// The cybozu.com environment's base URL: which forms we accept, and the pages under it.
// Accepting only cybozu's own host names keeps the API credentials from being sent anywhere else.

export type BaseUrlResult = { ok: true; url: URL } | { ok: false; problem: string };

export const ACCEPTED_BASE_URL_FORMS =
  'https://{subdomain}.cybozu.com, https://{subdomain}.s.cybozu.com, https://{subdomain}.kintone.com, ' +
  'https://{subdomain}.cybozu.cn, or for local tests http(s)://127.0.0.1:{port} / http(s)://localhost:{port}';

// One DNS label: letters, digits and inner hyphens.
const SUBDOMAIN = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const CYBOZU_HOST = new RegExp(`^${SUBDOMAIN}\\.(?:s\\.cybozu\\.com|cybozu\\.com|kintone\\.com|cybozu\\.cn)$`);
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost']);

function problem(reason: string): BaseUrlResult {
  // The raw value is never echoed: it may contain credentials.
  return { ok: false, problem: `${reason}; use ${ACCEPTED_BASE_URL_FORMS}` };
}

export function parseCybozuBaseUrl(raw: string): BaseUrlResult {
  const text = raw.trim();
  if (text === '') return problem('the cybozu base URL is empty');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return problem('the cybozu base URL is not a URL');
  }
  if (url.username !== '' || url.password !== '') {
    return problem('the cybozu base URL must not contain credentials (use CYBOZU_BASIC_AUTH for Basic auth)');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return problem('the cybozu base URL must use https');
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    return problem('the cybozu base URL must be the environment root, without a path such as /k/');
  }
  const host = url.hostname.toLowerCase();
  if (LOCAL_HOSTS.has(host)) return { ok: true, url: new URL(`${url.origin}/`) };
  if (!CYBOZU_HOST.test(host)) return problem('the cybozu base URL is not a cybozu.com environment');
  if (url.protocol !== 'https:') return problem('the cybozu base URL must use https');
  // URL drops the default port, so any port left here is a non-standard one.
  if (url.port !== '') return problem('the cybozu base URL must not name a port');
  return { ok: true, url: new URL(`${url.origin}/`) };
}

/** The login page (`/login`). */
export function loginUrl(base: URL): URL {
  return new URL('/login', base);
}

/** kintone's portal (`/k/`). */
export function kintoneUrl(base: URL): URL {
  return new URL('/k/', base);
}

/**
 * Common administration (cybozu.com共通管理), where 組織/ユーザー lives. `/admin/` is the documented
 * entry (help center, "Users & System Administration (https://{subdomain}.cybozu.com/admin/)");
 * a deep link to the users screen itself is not documented (unconfirmed), so we link the entry
 * rather than guess a path that may 404.
 */
export function adminUsersUrl(base: URL): URL {
  return new URL('/admin/', base);
}

/**
 * cybozu's "If you forgot your login URL" help page (jp.cybozu.help, article on forgot_url). It
 * sends the user to the "Cybozu Cloud Service Login" screen where a subdomain can be tried.
 * Unconfirmed: the address of that login screen itself, and the equivalents for kintone.com (US)
 * and cybozu.cn (China); this page is for cybozu.com (Japan) environments.
 */
export const forgotUrlPage = 'https://jp.cybozu.help/general/en/login/forgot_url.html';
