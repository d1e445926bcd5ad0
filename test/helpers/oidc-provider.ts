import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real OpenID provider (the `oidc-provider` package, as openid-client's own tests use) on 127.0.0.1 with one
 * confidential client, PKCE required, and its development login/consent pages (`devInteractions`).
 *
 * Claims: scope `email` → `email`, `email_verified`; scope `groups` → `groups`; `profile` → `name`. The `groups`
 * scope is advertised in the discovery document's `scopes_supported` (oidc-provider adds every key of `claims`).
 * With `claimsIn: 'id_token'` (the default) the provider runs with `conformIdTokenClaims: false`, so every claim of
 * a granted scope is put in the ID token as well as in userinfo (what most company IdPs do with a groups claim).
 * With `claimsIn: 'userinfo'` it runs with the library default (`conformIdTokenClaims: true`): the ID token then
 * carries only `sub` and the claims are only available from the userinfo endpoint.
 */
export interface TestAccount {
  sub: string;
  email: string;
  email_verified: boolean;
  groups?: string[];
}

export interface StartOidcProviderOptions {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  accounts: Record<string /* login */, TestAccount>;
  claimsIn?: 'id_token' | 'userinfo';
  /** Scopes advertised besides the ones derived from the claims (default: openid, offline_access). */
  extraScopes?: string[];
}

export interface RunningOidcProvider {
  /** The issuer identifier, e.g. http://127.0.0.1:12345 (no trailing slash). */
  url: string;
  loginThrough: typeof loginThrough;
  /** `METHOD /path` of every request the provider received, in order (discovery, token, userinfo, the browser's). */
  requests: string[];
  /** Errors the provider reported (server_error events), for diagnosing a failing test. */
  serverErrors: unknown[];
  close(): Promise<void>;
}

/** Maps a login to the account id the dev login form must be given (the account's `sub`), per running provider. */
const accountIdsByOrigin = new Map<string, (login: string) => string>();

// oidc-provider has no type declarations here: importing it through a non-literal specifier keeps tsc from
// looking for them; the few members used are typed below.
const OIDC_PROVIDER_MODULE: string = 'oidc-provider';

interface ProviderInstance {
  callback(): (req: unknown, res: unknown) => void;
  on(event: string, listener: (...args: unknown[]) => void): void;
}
type ProviderConstructor = new (issuer: string, configuration: Record<string, unknown>) => ProviderInstance;

/** Warnings oidc-provider prints that are expected in tests (Node 20 runs it fine; dev interactions are the point). */
const EXPECTED_WARNINGS = [/Unsupported runtime/, /devInteractions is enabled/];

async function quietly<T>(f: () => Promise<T> | T): Promise<T> {
  const original = console.warn;
  console.warn = (...args: unknown[]) => {
    const text = args.map(String).join(' ');
    if (EXPECTED_WARNINGS.some((re) => re.test(text))) return;
    original(...args);
  };
  try {
    return await f();
  } finally {
    console.warn = original;
  }
}

/** In-memory storage for the provider's sessions, interactions, codes and grants (its own prints a warning). */
class MemoryAdapter {
  private static readonly items = new Map<
    string,
    { payload: Record<string, unknown>; expiresAt: number | undefined }
  >();
  constructor(private readonly model: string) {}
  private key(id: string): string {
    return `${this.model}:${id}`;
  }
  async upsert(id: string, payload: Record<string, unknown>, expiresIn?: number): Promise<void> {
    MemoryAdapter.items.set(this.key(id), {
      payload,
      expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : undefined,
    });
  }
  async find(id: string): Promise<Record<string, unknown> | undefined> {
    const item = MemoryAdapter.items.get(this.key(id));
    if (!item) return undefined;
    if (item.expiresAt !== undefined && item.expiresAt <= Date.now()) {
      MemoryAdapter.items.delete(this.key(id));
      return undefined;
    }
    return item.payload;
  }
  async findByUid(uid: string): Promise<Record<string, unknown> | undefined> {
    for (const [key, item] of MemoryAdapter.items)
      if (key.startsWith(`${this.model}:`) && item.payload.uid === uid) return item.payload;
    return undefined;
  }
  async findByUserCode(userCode: string): Promise<Record<string, unknown> | undefined> {
    for (const [key, item] of MemoryAdapter.items)
      if (key.startsWith(`${this.model}:`) && item.payload.userCode === userCode) return item.payload;
    return undefined;
  }
  async consume(id: string): Promise<void> {
    const item = MemoryAdapter.items.get(this.key(id));
    if (item) item.payload.consumed = Math.floor(Date.now() / 1000);
  }
  async destroy(id: string): Promise<void> {
    MemoryAdapter.items.delete(this.key(id));
  }
  async revokeByGrantId(grantId: string): Promise<void> {
    for (const [key, item] of MemoryAdapter.items)
      if (item.payload.grantId === grantId) MemoryAdapter.items.delete(key);
  }
}

let providerClass: Promise<ProviderConstructor> | undefined;
function loadProvider(): Promise<ProviderConstructor> {
  providerClass ??= quietly(async () => {
    const mod = (await import(OIDC_PROVIDER_MODULE)) as { default: ProviderConstructor };
    return mod.default;
  });
  return providerClass;
}

export async function startOidcProvider(opts: StartOidcProviderOptions): Promise<RunningOidcProvider> {
  const Provider = await loadProvider();

  const server: Server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;

  const bySub = new Map<string, TestAccount>();
  for (const account of Object.values(opts.accounts)) bySub.set(account.sub, account);

  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });

  const provider = await quietly(
    () =>
      new Provider(issuer, {
        clients: [
          {
            client_id: opts.clientId,
            client_secret: opts.clientSecret,
            redirect_uris: [opts.redirectUri],
            grant_types: ['authorization_code'],
            response_types: ['code'],
            token_endpoint_auth_method: 'client_secret_basic',
          },
        ],
        jwks: { keys: [{ ...signingKey, use: 'sig', kid: 'test-signing-key' }] },
        cookies: { keys: ['oidc-provider-test-cookie-key'] },
        claims: {
          openid: ['sub'],
          email: ['email', 'email_verified'],
          profile: ['name'],
          groups: ['groups'],
        },
        scopes: ['openid', 'offline_access', ...(opts.extraScopes ?? [])],
        conformIdTokenClaims: (opts.claimsIn ?? 'id_token') === 'userinfo',
        pkce: { required: () => true },
        // Explicit lifetimes (seconds) keep the provider from printing a notice for each default it uses.
        ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 600, Grant: 600 },
        features: { devInteractions: { enabled: true } },
        adapter: MemoryAdapter,
        findAccount: async (_ctx: unknown, id: string) => {
          const account = bySub.get(id);
          if (!account) return undefined;
          return {
            accountId: account.sub,
            claims: async () => ({
              sub: account.sub,
              email: account.email,
              email_verified: account.email_verified,
              name: account.email,
              groups: account.groups ?? [],
            }),
          };
        },
      }),
  );

  const serverErrors: unknown[] = [];
  provider.on('server_error', (_ctx: unknown, err: unknown) => serverErrors.push(err));
  const requests: string[] = [];
  server.on('request', (req: { method?: string; url?: string }) =>
    requests.push(`${req.method} ${new URL(req.url ?? '/', issuer).pathname}`),
  );
  server.on('request', provider.callback());

  accountIdsByOrigin.set(new URL(issuer).origin, (login) => opts.accounts[login]?.sub ?? login);

  return {
    url: issuer,
    loginThrough,
    requests,
    serverErrors,
    close: async () => {
      accountIdsByOrigin.delete(new URL(issuer).origin);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * A browser's state at the provider: its cookies (so a second sign-in can reuse the provider session, as a real
 * browser would) and the interaction prompts the provider showed it (`login`, `consent`), in order.
 */
export class ProviderBrowser {
  readonly jar = new CookieJar();
  readonly prompts: string[] = [];
}

/** A cookie jar keyed by name: a later Set-Cookie replaces an earlier one (the interaction answers 400 otherwise). */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => {
        const [k = '', v = ''] = a.split('=').map((s) => s.trim());
        if (k.toLowerCase() === 'max-age') return Number(v) <= 0;
        if (k.toLowerCase() === 'expires') return Date.parse(v) <= Date.now();
        return false;
      });
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/**
 * Plays the browser through a running test provider's development login and consent: GET the authorization URL,
 * log in as `login` (any password), consent, and return the redirect to the client's redirect URI (with `code`,
 * `state` and `iss`, or with `error=access_denied` when `deny` aborts the interaction). Nothing is sent to the
 * redirect URI itself. Each call is a new browser unless `browser` is given (then its provider session is kept
 * and the prompts it was shown are recorded).
 */
export async function loginThrough(
  authorizationUrl: string,
  login: string,
  opts: { deny?: boolean; browser?: ProviderBrowser } = {},
): Promise<URL> {
  const start = new URL(authorizationUrl);
  const providerOrigin = start.origin;
  const accountId = accountIdsByOrigin.get(providerOrigin)?.(login) ?? login;
  const browser = opts.browser ?? new ProviderBrowser();
  const jar = browser.jar;

  let url = start;
  let init: RequestInit = { method: 'GET' };
  for (let step = 0; step < 20; step++) {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string> | undefined), cookie: jar.header() },
    });
    jar.store(response);

    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      const location = response.headers.get('location');
      if (!location) throw new Error(`redirect without Location from ${url.pathname}`);
      const next = new URL(location, url);
      if (next.origin !== providerOrigin) return next;
      url = next;
      init = { method: 'GET' };
      continue;
    }

    const body = await response.text();
    if (response.status !== 200)
      throw new Error(`provider answered ${response.status} at ${url.pathname}: ${body.slice(0, 300)}`);
    const prompt = /name="prompt" value="(\w+)"/.exec(body)?.[1];
    const interaction = /^\/interaction\/([^/]+)$/.exec(url.pathname);
    if (!interaction || !prompt) throw new Error(`unexpected page at ${url.pathname}: ${body.slice(0, 300)}`);
    browser.prompts.push(prompt);

    if (opts.deny) {
      url = new URL(`${url.pathname}/abort`, url);
      init = { method: 'GET' };
      continue;
    }
    const form: Record<string, string> =
      prompt === 'login' ? { prompt, login: accountId, password: 'any' } : { prompt };
    init = {
      method: 'POST',
      body: new URLSearchParams(form).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    };
  }
  throw new Error('too many steps driving the provider login');
}
