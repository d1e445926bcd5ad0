// A fake cybozu.com User API on 127.0.0.1, for tests over real HTTP. It mirrors the documented
// shapes and traps (PUT /v1/users.json without `valid` sets valid: true), records every call,
// and can inject faults: error answers, slow answers, dropped connections.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ServiceName } from '../../src/directory/port.js';

const SERVICES: readonly string[] = ['kintone', 'garoon', 'office', 'mailwise', 'secure_access'];

export interface FakeCredentials {
  token?: string;
  login?: string;
  password?: string;
  /** 'user:pass'; when set every path first demands `Authorization: Basic …`. */
  basicAuth?: string;
  /** The token's scope: 'read' answers every write with 403 CB_NO02; 'write' refuses only members of Administrators; 'dangerous' (default) allows all. */
  tokenScope?: 'read' | 'write' | 'dangerous';
}

export interface FakeUserSeed {
  code: string;
  name: string;
  email?: string;
  valid?: boolean;
  services?: ServiceName[];
  administrator?: boolean;
  locale?: string;
}

export interface FakeUser {
  id: string;
  code: string;
  name: string;
  /** '' when unset, as cybozu sends it. */
  email: string;
  valid: boolean;
  services: string[];
  administrator: boolean;
  locale: string;
  /** The last password set through the API, null when never set. */
  password: string | null;
  passwordChanges: number;
}

export interface RecordedCall {
  method: string;
  path: string;
  /** Decoded query, e.g. { 'codes[0]': 'taro' }. */
  query: Record<string, string>;
  body: unknown;
  headers: Record<string, string>;
}

export type FakeFault =
  | { status: number; body?: unknown; html?: string; headers?: Record<string, string> }
  | { delayMs: number }
  | { drop: true }
  /** The request waits until `until` settles, then is answered as usual (a write left in flight on purpose). */
  | { until: Promise<unknown> };

export interface FaultScope {
  method?: string;
  path?: string;
}

interface FaultEntry {
  fault: FakeFault;
  scope: FaultScope;
  remaining: number; // Infinity for failAlways
}

class ApiError {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly message: string,
    readonly errors?: Record<string, { messages: string[] }>,
  ) {}
}

const validation = (errors: Record<string, string[]>): ApiError =>
  new ApiError(
    400,
    'CB_VA01',
    '入力内容が正しくありません。',
    Object.fromEntries(Object.entries(errors).map(([field, messages]) => [field, { messages }])),
  );

export class FakeCybozu {
  readonly calls: RecordedCall[] = [];
  private readonly users = new Map<string, FakeUser>();
  private nextId = 1;
  private faults: FaultEntry[] = [];
  private errorCount = 0;
  private server: Server | null = null;
  private port = 0;
  private readonly timers = new Set<NodeJS.Timeout>();

  /** The tenant's password policy as cybozu enforces it on update (answers CB_VA01 with its own words). */
  private passwordPolicy: ((password: string, code: string) => string | null) | null = null;

  constructor(private readonly credentials: FakeCredentials = {}) {}

  /** A check that returns cybozu's message for a password the policy refuses, or null when it passes. */
  setPasswordPolicy(check: ((password: string, code: string) => string | null) | null): void {
    this.passwordPolicy = check;
  }

  get url(): string {
    if (!this.server) throw new Error('FakeCybozu is not started');
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    const server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  // ── state ────────────────────────────────────────────────────────────

  addUser(seed: FakeUserSeed): FakeUser {
    if (this.users.has(seed.code)) throw new Error(`user ${seed.code} exists`);
    const user: FakeUser = {
      id: String(this.nextId++),
      code: seed.code,
      name: seed.name,
      email: seed.email ?? '',
      valid: seed.valid ?? true,
      services: [...(seed.services ?? [])],
      administrator: seed.administrator ?? false,
      locale: seed.locale ?? 'ja',
      password: null,
      passwordChanges: 0,
    };
    this.users.set(user.code, user);
    return { ...user, services: [...user.services] };
  }

  /** A copy of the user's current state, or undefined. */
  /** Changes a seeded user in place (e.g. suspends them after a report was made). */
  update(
    code: string,
    patch: Partial<Pick<FakeUser, 'valid' | 'email' | 'services' | 'administrator' | 'name'>>,
  ): void {
    const user = this.users.get(code);
    if (!user) throw new Error(`no fake user ${code}`);
    Object.assign(user, patch);
  }

  user(code: string): FakeUser | undefined {
    const user = this.users.get(code);
    return user ? { ...user, services: [...user.services] } : undefined;
  }

  callsTo(method: string, path: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method && call.path === path);
  }

  // ── faults ───────────────────────────────────────────────────────────

  /** The next n matching requests get this fault; later ones are served normally. */
  failNext(n: number, fault: FakeFault, scope: FaultScope = {}): void {
    this.faults.push({ fault, scope, remaining: n });
  }

  failAlways(fault: FakeFault, scope: FaultScope = {}): void {
    this.faults.push({ fault, scope, remaining: Infinity });
  }

  clearFaults(): void {
    this.faults = [];
  }

  private takeFault(method: string, path: string): FakeFault | null {
    const entry = this.faults.find(
      (f) =>
        f.remaining > 0 &&
        (f.scope.method === undefined || f.scope.method === method) &&
        (f.scope.path === undefined || f.scope.path === path),
    );
    if (!entry) return null;
    entry.remaining--;
    return entry.fault;
  }

  // ── HTTP ─────────────────────────────────────────────────────────────

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.on('error', () => undefined);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const rawBody = await readBody(req);
    let body: unknown;
    let badJson = false;
    if (rawBody !== '') {
      try {
        body = JSON.parse(rawBody);
      } catch {
        badJson = true;
        body = rawBody;
      }
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string') headers[name] = value;
      else if (Array.isArray(value)) headers[name] = value.join(', ');
    }
    this.calls.push({ method, path: url.pathname, query: Object.fromEntries(url.searchParams), body, headers });

    const fault = this.takeFault(method, url.pathname);
    if (fault && 'drop' in fault) {
      req.socket.destroy();
      return;
    }
    if (fault && 'delayMs' in fault) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          resolve();
        }, fault.delayMs);
        this.timers.add(timer);
      });
      if (res.destroyed || !this.server) return;
    }
    if (fault && 'until' in fault) {
      await fault.until.catch(() => undefined);
      if (res.destroyed || !this.server) return;
    }
    if (fault && 'status' in fault) {
      const extra = fault.headers ?? {};
      if (fault.html !== undefined) {
        res.writeHead(fault.status, { 'Content-Type': 'text/html; charset=utf-8', ...extra }).end(fault.html);
      } else if (fault.body !== undefined) {
        sendJson(res, fault.status, fault.body, extra);
      } else {
        res.writeHead(fault.status, extra).end();
      }
      return;
    }

    if (!this.basicAuthOk(headers)) {
      res
        .writeHead(401, { 'WWW-Authenticate': 'Basic realm="cybozu.com"', 'Content-Type': 'text/html' })
        .end('<html><body>401 Authorization Required</body></html>');
      return;
    }

    try {
      if (method === 'GET' && url.pathname === '/') {
        res.writeHead(302, { Location: `${this.url}/login` }).end();
        return;
      }
      if (method === 'GET' && url.pathname === '/login') {
        res
          .writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
          .end(
            '<!doctype html><html><head><title>ログイン</title></head><body><form method="post">' +
              '<input name="username"><input name="password" type="password"></form></body></html>',
          );
        return;
      }
      if (!url.pathname.startsWith('/v1/')) {
        res.writeHead(404, { 'Content-Type': 'text/html' }).end('<html><body>Not Found</body></html>');
        return;
      }
      const caller = this.checkApiAuth(headers);
      if (badJson) throw new ApiError(400, 'CB_IJ01', '不正なJSON文字列です。');
      if (method !== 'GET') this.checkWritePrivilege(caller, body);
      const answer = this.route(method, url.pathname, url.searchParams, body);
      sendJson(res, 200, answer);
    } catch (error) {
      if (!(error instanceof ApiError)) {
        // A bug in the fake: answer loudly rather than leave the request hanging.
        sendJson(res, 500, { code: 'FAKE_BUG', id: 'fake-bug', message: String(error) });
        return;
      }
      const payload: Record<string, unknown> = {
        code: error.code,
        id: `fake-${++this.errorCount}`,
        message: error.message,
      };
      if (error.errors) payload.errors = error.errors;
      sendJson(res, error.status, payload);
    }
  }

  private basicAuthOk(headers: Record<string, string>): boolean {
    const expected = this.credentials.basicAuth;
    if (!expected) return true;
    return headers['authorization'] === `Basic ${Buffer.from(expected).toString('base64')}`;
  }

  /**
   * As cybozu does: password auth writes only as a common administrator (Administrators); a token needs the
   * Read and Write scope, and Dangerous Zone to change a member of Administrators. Refusals are 403 CB_NO02.
   */
  private checkWritePrivilege(
    caller: { kind: 'token' } | { kind: 'password'; login: string } | null,
    body: unknown,
  ): void {
    if (!caller) return;
    const refuse = () => new ApiError(403, 'CB_NO02', 'No privilege to proceed.');
    if (caller.kind === 'password') {
      const account = this.users.get(caller.login);
      if (account && !account.administrator) throw refuse();
      return;
    }
    const scope = this.credentials.tokenScope ?? 'dangerous';
    if (scope === 'read') throw refuse();
    if (scope === 'write') {
      const entries = (body as { users?: { code?: unknown }[] } | null)?.users ?? [];
      if (entries.some((e) => typeof e?.code === 'string' && this.users.get(e.code)?.administrator)) throw refuse();
    }
  }

  private checkApiAuth(
    headers: Record<string, string>,
  ): { kind: 'token' } | { kind: 'password'; login: string } | null {
    const { token, login, password, basicAuth } = this.credentials;
    const authorization = headers['authorization'];
    const bearer = authorization?.startsWith('Bearer ') ? authorization.slice('Bearer '.length) : undefined;
    const cybozuAuth = headers['x-cybozu-authorization'];
    if (bearer === undefined && cybozuAuth === undefined) {
      throw new ApiError(520, 'CB_AU01', 'ログインしてください。');
    }
    const anyConfigured = token !== undefined || login !== undefined;
    if (!anyConfigured) return null;
    const tokenOk = token !== undefined && bearer === token && !basicAuth;
    const passwordOk =
      login !== undefined && cybozuAuth === Buffer.from(`${login}:${password ?? ''}`).toString('base64');
    if (!tokenOk && !passwordOk) {
      throw new ApiError(520, 'CB_WA01', 'ユーザーのパスワード認証に失敗しました。');
    }
    return tokenOk ? { kind: 'token' } : { kind: 'password', login: login! };
  }

  private route(method: string, path: string, query: URLSearchParams, body: unknown): unknown {
    const key = `${method} ${path}`;
    switch (key) {
      case 'GET /v1/users.json':
        return { users: this.page(query).map(apiUser) };
      case 'PUT /v1/users.json':
        return this.updateUsers(body);
      case 'POST /v1/users.json':
        return this.addUsers(body);
      case 'DELETE /v1/users.json':
        return this.deleteUsers(body);
      case 'GET /v1/users/services.json':
        // 「Administratorのデータは出力できません」: cybozu never lists the built-in Administrator. Whether it answers an
        // error or leaves it out is unconfirmed; the fake refuses, so a client that asks is caught.
        if (arrayParam(query, 'codes').includes('Administrator'))
          throw validation({ codes: ['Administratorのデータは出力できません。'] });
        return {
          users: this.page(query)
            .filter((u) => u.code !== 'Administrator')
            .map((u) => ({ code: u.code, services: [...u.services] })),
        };
      case 'PUT /v1/users/services.json':
        return this.updateServices(body);
      case 'GET /v1/user/groups.json':
        return { groups: groupsOf(this.userForCodeParam(query)) };
      case 'GET /v1/user/organizations.json':
        this.userForCodeParam(query);
        return { organizationTitles: [] };
      default:
        throw new ApiError(404, 'CB_NF01', '指定したAPIは存在しません。');
    }
  }

  /** ids[] / codes[] / size / offset, as GET /v1/users.json and services.json take them. */
  private page(query: URLSearchParams): FakeUser[] {
    const codes = arrayParam(query, 'codes');
    const ids = arrayParam(query, 'ids');
    const errors: Record<string, string[]> = {};
    if (codes.length > 0 && ids.length > 0) errors['codes'] = ['idsとcodesは同時に指定できません。'];
    if (codes.length > 100) errors['codes'] = ['100件以下で指定してください。'];
    const size = intParam(query, 'size', 100);
    if (size === null || size < 1 || size > 100) errors['size'] = ['1から100までの数値を指定してください。'];
    const offset = intParam(query, 'offset', 0);
    if (offset === null || offset < 0) errors['offset'] = ['0以上の数値を指定してください。'];
    if (Object.keys(errors).length > 0) throw validation(errors);

    let list = [...this.users.values()].sort((a, b) => Number(a.id) - Number(b.id));
    if (codes.length > 0) list = list.filter((u) => codes.includes(u.code));
    if (ids.length > 0) list = list.filter((u) => ids.includes(u.id));
    return list.slice(offset ?? 0, (offset ?? 0) + (size ?? 100));
  }

  private userForCodeParam(query: URLSearchParams): FakeUser {
    const code = query.get('code');
    const user = code ? this.users.get(code) : undefined;
    // Unconfirmed what cybozu answers for an unknown code here; a validation error is assumed.
    if (!user) throw validation({ code: [code ? 'ユーザーが見つかりません。' : '必須です。'] });
    return user;
  }

  private entries(body: unknown, field: 'users' | 'codes'): unknown[] {
    const list = (body as Record<string, unknown> | null | undefined)?.[field];
    if (!Array.isArray(list) || list.length === 0) throw validation({ [field]: ['必須です。'] });
    if (list.length > 100) throw validation({ [field]: ['100件以下で指定してください。'] });
    return list;
  }

  private updateUsers(body: unknown): object {
    const entries = this.entries(body, 'users') as Record<string, unknown>[];
    const errors: Record<string, string[]> = {};
    entries.forEach((entry, i) => {
      if (typeof entry.code !== 'string' || !this.users.has(entry.code)) {
        errors[`users[${i}].code`] = ['ユーザーが見つかりません。'];
      }
      if (entry.password !== undefined && (typeof entry.password !== 'string' || [...entry.password].length > 64)) {
        errors[`users[${i}].password`] = ['64文字以内で入力してください。'];
      }
      if (entry.valid !== undefined && typeof entry.valid !== 'boolean') {
        errors[`users[${i}].valid`] = ['真偽値を指定してください。'];
      }
      const refused =
        typeof entry.password === 'string' && this.passwordPolicy
          ? this.passwordPolicy(entry.password, String(entry.code))
          : null;
      if (refused) errors[`users[${i}].password`] = [refused];
    });
    if (Object.keys(errors).length > 0) throw validation(errors);
    for (const entry of entries) {
      const user = this.users.get(entry.code as string)!;
      // The documented trap: omitting `valid` sets the account to valid (使用中).
      user.valid = typeof entry.valid === 'boolean' ? entry.valid : true;
      if (typeof entry.password === 'string') {
        user.password = entry.password;
        user.passwordChanges++;
      }
      if (typeof entry.name === 'string') user.name = entry.name;
      if (typeof entry.email === 'string') user.email = entry.email;
    }
    return {};
  }

  private addUsers(body: unknown): object {
    const entries = this.entries(body, 'users') as Record<string, unknown>[];
    const errors: Record<string, string[]> = {};
    entries.forEach((entry, i) => {
      const code = entry.code;
      if (typeof code !== 'string' || code.trim() === '' || [...code].length > 128) {
        errors[`users[${i}].code`] = ['128文字以内で入力してください。'];
      } else if (this.users.has(code)) {
        errors[`users[${i}].code`] = ['既に使用されています。'];
      }
      if (typeof entry.name !== 'string' || entry.name.trim() === '') errors[`users[${i}].name`] = ['必須です。'];
      if (entry.password !== undefined && (typeof entry.password !== 'string' || [...entry.password].length > 64)) {
        errors[`users[${i}].password`] = ['64文字以内で入力してください。'];
      }
    });
    if (Object.keys(errors).length > 0) throw validation(errors);
    for (const entry of entries) {
      const seed: FakeUserSeed = { code: entry.code as string, name: entry.name as string };
      if (typeof entry.email === 'string') seed.email = entry.email;
      if (typeof entry.valid === 'boolean') seed.valid = entry.valid;
      this.addUser(seed);
      if (typeof entry.password === 'string') {
        const user = this.users.get(seed.code)!;
        user.password = entry.password;
      }
    }
    return {};
  }

  private deleteUsers(body: unknown): object {
    const codes = this.entries(body, 'codes');
    const errors: Record<string, string[]> = {};
    codes.forEach((code, i) => {
      if (typeof code !== 'string' || !this.users.has(code)) errors[`codes[${i}]`] = ['ユーザーが見つかりません。'];
    });
    if (Object.keys(errors).length > 0) throw validation(errors);
    for (const code of codes) this.users.delete(code as string);
    return {};
  }

  private updateServices(body: unknown): object {
    const entries = this.entries(body, 'users') as Record<string, unknown>[];
    const errors: Record<string, string[]> = {};
    entries.forEach((entry, i) => {
      if (typeof entry.code !== 'string' || !this.users.has(entry.code)) {
        errors[`users[${i}].code`] = ['ユーザーが見つかりません。'];
      }
      const services = entry.services;
      if (!Array.isArray(services) || services.some((s) => typeof s !== 'string' || !SERVICES.includes(s))) {
        errors[`users[${i}].services`] = ['サービスコードが正しくありません。'];
      }
    });
    if (Object.keys(errors).length > 0) throw validation(errors);
    for (const entry of entries) {
      this.users.get(entry.code as string)!.services = [...new Set(entry.services as string[])];
    }
    return {};
  }
}

function apiUser(user: FakeUser): Record<string, unknown> {
  return {
    id: user.id,
    code: user.code,
    ctime: '2024-04-01T00:00:00Z',
    mtime: '2024-04-01T00:00:00Z',
    valid: user.valid,
    name: user.name,
    surName: '',
    givenName: '',
    localName: '',
    localNameLocale: 'ja',
    timezone: 'Asia/Tokyo',
    locale: user.locale,
    description: '',
    phone: '',
    mobilePhone: '',
    extensionNumber: '',
    email: user.email,
    callto: '',
    url: '',
    employeeNumber: '',
    birthDate: null,
    joinDate: null,
    primaryOrganization: null,
    sortOrder: null,
    customItemValues: [],
  };
}

function groupsOf(user: FakeUser): { id: string; code: string; name: string; description: string }[] {
  const groups = [{ id: '7532782697181632513', code: 'everyone', name: 'Everyone', description: '' }];
  if (user.administrator) {
    groups.unshift({ id: '7532782697181632512', code: 'Administrators', name: 'Administrators', description: '' });
  }
  return groups;
}

function arrayParam(query: URLSearchParams, name: string): string[] {
  const pattern = new RegExp(`^${name}\\[(\\d+)\\]$`);
  const found: [number, string][] = [];
  for (const [key, value] of query) {
    const match = pattern.exec(key);
    if (match?.[1] !== undefined) found.push([Number(match[1]), value]);
  }
  return found.sort((a, b) => a[0] - b[0]).map(([, value]) => value);
}

function intParam(query: URLSearchParams, name: string, fallback: number): number | null {
  const raw = query.get(name);
  if (raw === null) return fallback;
  return /^\d+$/.test(raw) ? Number(raw) : null;
}

function sendJson(res: ServerResponse, status: number, payload: unknown, extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...extra }).end(JSON.stringify(payload));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(''));
  });
}
