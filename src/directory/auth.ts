// How the bot authenticates to the User API, checked once at start.

export type DirectoryAuth = { kind: 'token'; token: string } | { kind: 'password'; login: string; password: string };

/** The raw settings, as the app's config reads them from the environment. */
export interface DirectoryAuthSettings {
  token?: string | undefined; // CYBOZU_API_TOKEN
  login?: string | undefined; // CYBOZU_LOGIN
  password?: string | undefined; // CYBOZU_PASSWORD
  basicAuth?: string | undefined; // CYBOZU_BASIC_AUTH, 'user:pass'
}

const present = (value: string | undefined): value is string => value !== undefined && value !== '';
// Header values must not smuggle in line breaks or other control characters.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what this refuses.
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Problems with the combination of settings, naming the environment variables; [] when usable.
 * Never includes the values themselves.
 */
export function validateDirectoryAuth(settings: DirectoryAuthSettings): string[] {
  const problems: string[] = [];
  const { token, login, password, basicAuth } = settings;
  const hasToken = present(token);
  const hasLogin = present(login);
  const hasPassword = present(password);

  if (hasToken && present(basicAuth)) {
    problems.push(
      'CYBOZU_API_TOKEN and CYBOZU_BASIC_AUTH cannot be used together: both need the Authorization header. ' +
        'With Basic auth on, use CYBOZU_LOGIN and CYBOZU_PASSWORD instead of the token',
    );
  }
  if (hasToken && (hasLogin || hasPassword)) {
    problems.push('set either CYBOZU_API_TOKEN or CYBOZU_LOGIN with CYBOZU_PASSWORD, not both');
  }
  if (!hasToken && !hasLogin && !hasPassword) {
    problems.push('set CYBOZU_API_TOKEN, or CYBOZU_LOGIN and CYBOZU_PASSWORD');
  }
  if (!hasToken && hasLogin !== hasPassword) {
    problems.push(
      hasLogin
        ? 'CYBOZU_PASSWORD is missing (CYBOZU_LOGIN is set)'
        : 'CYBOZU_LOGIN is missing (CYBOZU_PASSWORD is set)',
    );
  }
  if (hasToken && (/\s/.test(token) || CONTROL.test(token))) {
    problems.push('CYBOZU_API_TOKEN must not contain spaces or line breaks');
  }
  if (hasLogin && login.includes(':')) {
    // base64("login:password") cannot carry a ':' in the login; login names cannot contain one anyway.
    problems.push('CYBOZU_LOGIN must not contain ":"');
  }
  if ((hasLogin && CONTROL.test(login)) || (hasPassword && CONTROL.test(password))) {
    problems.push('CYBOZU_LOGIN and CYBOZU_PASSWORD must not contain line breaks or control characters');
  }
  if (present(basicAuth) && (!basicAuth.includes(':') || CONTROL.test(basicAuth))) {
    problems.push('CYBOZU_BASIC_AUTH must be "user:password" on one line');
  }
  return problems;
}

/** Settings → the auth to use, or the problems to report at start. */
export function resolveDirectoryAuth(
  settings: DirectoryAuthSettings,
): { ok: true; auth: DirectoryAuth; basicAuth?: string } | { ok: false; problems: string[] } {
  const problems = validateDirectoryAuth(settings);
  if (problems.length > 0) return { ok: false, problems };
  const auth: DirectoryAuth = present(settings.token)
    ? { kind: 'token', token: settings.token }
    : { kind: 'password', login: settings.login ?? '', password: settings.password ?? '' };
  return present(settings.basicAuth) ? { ok: true, auth, basicAuth: settings.basicAuth } : { ok: true, auth };
}

/** The settings an already-built auth corresponds to, for validating constructor options. */
export function settingsOf(auth: DirectoryAuth, basicAuth?: string): DirectoryAuthSettings {
  return auth.kind === 'token'
    ? { token: auth.token, basicAuth }
    : { login: auth.login, password: auth.password, basicAuth };
}

const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

/** Request headers carrying the credentials. Only ever passed to fetch, never logged. */
export function authHeaders(auth: DirectoryAuth, basicAuth?: string): Record<string, string> {
  const headers: Record<string, string> = {};
  if (auth.kind === 'token') headers['Authorization'] = `Bearer ${auth.token}`;
  else headers['X-Cybozu-Authorization'] = base64(`${auth.login}:${auth.password}`);
  if (basicAuth) headers['Authorization'] = `Basic ${base64(basicAuth)}`;
  return headers;
}

/** Only the Basic auth header: for pages (login, root) that must not see the API credentials. */
export function basicAuthHeaders(basicAuth?: string): Record<string, string> {
  return basicAuth ? { Authorization: `Basic ${base64(basicAuth)}` } : {};
}
