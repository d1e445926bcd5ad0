/**
 * A fake Slack Web API for end-to-end tests.
 *
 * The real app talks to it through `@slack/web-api` with `slackApiUrl: fake.url`.
 * Every request is recorded (method, parsed args, bearer token, the answer we gave),
 * and tests can inject failures (rate limits, platform errors, HTTP errors, dropped
 * sockets) or latency per method.
 *
 * Only Node built-ins are used so the rig has no moving parts of its own.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';

export interface RecordedCall {
  /** Web API method, e.g. `chat.postMessage`; `response_url` for posts to {@link FakeSlack.responseUrl}. */
  method: string;
  /** Arguments as the app passed them (JSON-string fields such as `blocks` and `view` are parsed back). */
  args: Record<string, any>;
  /** Token from the `Authorization: Bearer …` header, else from a `token` argument. */
  token?: string;
  /** The JSON body we answered with; `null` when the socket was dropped or the body was not JSON. */
  response: any;
  /** HTTP status we answered with; undefined when the socket was dropped. */
  status?: number;
}

export type Failure = { error: string; retryAfter?: number; status?: number } | { status: number } | { drop: true };

export interface FakeUser {
  /** `null` means the profile has no email (as with bots or a missing `users:read.email` scope). */
  email?: string | null;
  locale?: string;
  name?: string;
  tz?: string;
}

export interface FakeUsergroup {
  id: string;
  name: string;
  handle: string;
  users: string[];
  date_delete: number;
}

export interface FakeSlackOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
}

/** Fields that @slack/web-api JSON-encodes inside form bodies; we decode them for assertions. */
const JSON_FIELDS = ['blocks', 'view', 'attachments', 'metadata'] as const;

/** Methods whose arguments carry user-visible content, for {@link FakeSlack.postedTexts}. */
const CONTENT_METHODS = new Set([
  'chat.postMessage',
  'chat.update',
  'chat.postEphemeral',
  'views.open',
  'views.update',
  'views.push',
  'views.publish',
  'response_url',
]);

type Answer = { status: number; body: unknown; headers?: Record<string, string> } | { drop: true };

export class FakeSlack {
  /** Base URL for `slackApiUrl`, e.g. `http://127.0.0.1:54321/api/`. */
  readonly url: string;
  /** Every request in arrival order, failed ones included. */
  readonly calls: RecordedCall[] = [];

  private readonly origin: string;
  private readonly failures = new Map<string, Failure[]>();
  private readonly alwaysFailures = new Map<string, Failure>();
  private readonly delays = new Map<string, number>();
  private readonly holds = new Map<string, Promise<void>>();
  private readonly users = new Map<string, FakeUser>();
  /** channel id → whether the bot is a member (conversations.info); unknown channels are `channel_not_found`. */
  private readonly channels = new Map<string, boolean>();
  /** channel id → timestamps of messages posted there (for getPermalink / chat.update). */
  private readonly posted = new Map<string, Set<string>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private tsCounter = 0;
  private viewCounter = 0;
  /** User groups by id, as usergroups.* keep them (`date_delete` > 0: disabled). */
  readonly usergroups = new Map<string, FakeUsergroup>();

  private constructor(private readonly server: http.Server) {
    const { port } = server.address() as AddressInfo;
    this.origin = `http://127.0.0.1:${port}`;
    this.url = `${this.origin}/api/`;
  }

  static async start(opts: FakeSlackOptions = {}): Promise<FakeSlack> {
    // The handler needs the instance, which needs the listening server: late-bind it.
    let fake: FakeSlack | undefined;
    const server = http.createServer((req, res) => {
      fake!.handle(req, res).catch((err: unknown) => {
        // A bug in the fake itself: make it loud rather than hanging the app under test.
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`fake-slack internal error: ${String(err)}`);
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    fake = new FakeSlack(server);
    return fake;
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    // fetch (undici) keeps connections alive; without this close() waits for them to idle out.
    this.server.closeAllConnections();
    await closed;
  }

  // ---------------------------------------------------------------- configuration

  /** Configure what users.info returns for `id` (merged over the defaults). */
  setUser(id: string, u: FakeUser): void {
    this.users.set(id, { ...this.users.get(id), ...u });
  }

  /** Configure a channel conversations.info knows, and whether the bot is a member of it. */
  setChannel(id: string, p: { member: boolean }): void {
    this.channels.set(id, p.member);
  }

  /** Make the next `times` calls of `method` fail with `failure`. */
  fail(method: string, failure: Failure, times = 1): void {
    const queue = this.failures.get(method) ?? [];
    for (let i = 0; i < times; i++) queue.push(failure);
    this.failures.set(method, queue);
  }

  /** Make every call of `method` fail (after any queued {@link fail} entries) until {@link clearFailures}. */
  failAlways(method: string, failure: Failure): void {
    this.alwaysFailures.set(method, failure);
  }

  clearFailures(): void {
    this.failures.clear();
    this.alwaysFailures.clear();
  }

  /** Answer `method` only after `ms` milliseconds (0 removes the delay). */
  delay(method: string, ms: number): void {
    if (ms > 0) this.delays.set(method, ms);
    else this.delays.delete(method);
  }

  /**
   * Keep the answers to `method` (recorded on arrival as usual) until the returned function is called: shows
   * what the app does while a call is still in flight, without waiting on the wall clock.
   */
  hold(method: string): () => void {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    this.holds.set(method, held);
    return () => {
      if (this.holds.get(method) === held) this.holds.delete(method);
      release();
    };
  }

  /**
   * A URL to use as a slash command / block action `response_url`. Posts to it are
   * recorded as calls with method `response_url` (args = the posted JSON, plus `_path`).
   */
  responseUrl(name = 'default'): string {
    return `${this.origin}/response/${encodeURIComponent(name)}`;
  }

  // ---------------------------------------------------------------- inspection

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  clearCalls(): void {
    this.calls.length = 0; // keep the array identity: tests may hold a reference
  }

  /** Resolve with the first recorded call (past or future) matching `predicate`. */
  async waitFor(predicate: (c: RecordedCall) => boolean, timeoutMs = 5000): Promise<RecordedCall> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.calls.find(predicate);
      if (hit) return hit;
      if (Date.now() >= deadline) {
        const seen = this.calls.map((c) => c.method + (c.response?.ok === false ? `(${c.response.error})` : ''));
        throw new Error(
          `FakeSlack.waitFor: no matching call within ${timeoutMs}ms. ` +
            `Calls seen (${seen.length}): ${seen.length ? seen.join(', ') : 'none'}. Predicate: ${predicate.toString()}`,
        );
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Successful chat.postMessage calls to `channel` (a `U…` id also matches its `D…` DM channel). */
  messagesIn(channel: string): RecordedCall[] {
    return this.callsTo('chat.postMessage').filter(
      (c) => c.response?.ok === true && (c.args.channel === channel || c.response.channel === channel),
    );
  }

  /**
   * Everything user-visible the app tried to show (text, blocks, attachments, views,
   * response_url bodies) as strings, failed attempts included — for "secret never appears" checks.
   */
  postedTexts(): string[] {
    const out: string[] = [];
    for (const c of this.calls) {
      if (!CONTENT_METHODS.has(c.method)) continue;
      const a = c.args;
      if (a.text !== undefined) out.push(String(a.text));
      for (const key of ['blocks', 'attachments', 'view'] as const) {
        if (a[key] !== undefined) out.push(typeof a[key] === 'string' ? a[key] : JSON.stringify(a[key]));
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- HTTP plumbing

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const { pathname, search } = new URL(req.url ?? '/', this.origin);

    let method: string;
    if (pathname.startsWith('/api/')) method = decodeURIComponent(pathname.slice('/api/'.length));
    else if (pathname.startsWith('/response/')) method = 'response_url';
    else {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }

    const args: Record<string, any> = {
      ...flattenQuery(parseQuery(search.slice(1))),
      ...parseBody(raw, req.headers['content-type']),
    };
    for (const f of JSON_FIELDS) {
      if (typeof args[f] === 'string') {
        try {
          args[f] = JSON.parse(args[f]);
        } catch {
          // leave as sent: the app passed a non-JSON string, which the assertion should see
        }
      }
    }
    if (method === 'response_url') args._path = pathname;

    const auth = req.headers.authorization;
    const bearer = auth?.match(/^Bearer\s+(.+)$/i)?.[1];
    const token = bearer ?? (typeof args.token === 'string' ? args.token : undefined);

    // Decide the answer (and apply state changes) on arrival, so the log order is arrival order.
    const failure = this.nextFailure(method);
    const answer: Answer = failure ? failureAnswer(failure) : { status: 200, body: this.answer(method, args) };
    const call: RecordedCall = {
      method,
      args,
      ...(token !== undefined ? { token } : {}),
      response: 'drop' in answer ? null : answer.body,
      ...('drop' in answer ? {} : { status: answer.status }),
    };
    this.calls.push(call);
    for (const listener of this.listeners) listener(call);

    const ms = this.delays.get(method);
    if (ms) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          this.timers.delete(t);
          resolve();
        }, ms);
        this.timers.add(t);
      });
    }
    const held = this.holds.get(method);
    if (held) await held;
    if (res.destroyed) return;

    if ('drop' in answer) {
      req.socket.destroy();
      return;
    }
    const isJson = typeof answer.body !== 'string';
    res.writeHead(answer.status, {
      'content-type': isJson ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8',
      ...answer.headers,
    });
    res.end(isJson ? JSON.stringify(answer.body) : answer.body);
  }

  private nextFailure(method: string): Failure | undefined {
    const queue = this.failures.get(method);
    if (queue && queue.length > 0) return queue.shift();
    return this.alwaysFailures.get(method);
  }

  // ---------------------------------------------------------------- Web API methods

  private readonly listeners = new Set<(call: RecordedCall) => void>();

  /** Calls `listener` for every call as it arrives (benchmarks time deliveries with it). */
  onCall(listener: (call: RecordedCall) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Answers `method` with `answer(args)` instead of the built-in behaviour (e.g. apps.connections.open). */
  override(method: string, answer: (args: Record<string, any>) => Record<string, any>): void {
    this.overrides.set(method, answer);
  }

  private readonly overrides = new Map<string, (args: Record<string, any>) => Record<string, any>>();

  private answer(method: string, a: Record<string, any>): Record<string, any> {
    const override = this.overrides.get(method);
    if (override) return override(a);
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://fake.slack.test/',
          team: 'Fake Team',
          user: 'kintone-login',
          team_id: 'T1',
          user_id: 'UBOT',
          bot_id: 'BBOT',
          is_enterprise_install: false,
        };

      case 'views.publish': {
        if (!a.view || typeof a.view !== 'object' || !a.user_id) return { ok: false, error: 'invalid_arguments' };
        const id = this.nextViewId();
        return { ok: true, view: { id, team_id: 'T1', type: 'home', ...a.view, app_id: 'A1', bot_id: 'BBOT' } };
      }

      case 'views.open':
      case 'views.push':
      case 'views.update': {
        if (!a.view || typeof a.view !== 'object') return { ok: false, error: 'invalid_arguments' };
        if (method !== 'views.update' && !a.trigger_id) return { ok: false, error: 'invalid_arguments' };
        // views.update targets an existing view; we don't track views, so any view_id is accepted.
        const id = method === 'views.update' && a.view_id ? String(a.view_id) : this.nextViewId();
        return {
          ok: true,
          view: {
            id,
            team_id: 'T1',
            type: 'modal',
            private_metadata: '',
            callback_id: '',
            external_id: '',
            state: { values: {} },
            ...a.view,
            hash: `${Math.floor(Date.now() / 1000)}.${randomBytes(4).toString('hex')}`,
            root_view_id: id,
            previous_view_id: null,
            app_id: 'A1',
            bot_id: 'BBOT',
          },
        };
      }

      case 'chat.postMessage': {
        if (!a.channel) return { ok: false, error: 'channel_not_found' };
        if (!a.text && !a.blocks && !a.attachments) return { ok: false, error: 'no_text' };
        // Posting to a user id lands in the bot's DM with them, and Slack answers with the D… id.
        const channel = dmChannelFor(String(a.channel));
        const ts = this.nextTs();
        let set = this.posted.get(channel);
        if (!set) this.posted.set(channel, (set = new Set()));
        set.add(ts);
        return { ok: true, channel, ts, message: this.messageShape(a, ts) };
      }

      case 'chat.update': {
        if (!a.channel || !a.ts) return { ok: false, error: 'invalid_arguments' };
        const channel = dmChannelFor(String(a.channel));
        if (!this.posted.get(channel)?.has(String(a.ts))) return { ok: false, error: 'message_not_found' };
        return { ok: true, channel, ts: String(a.ts), text: a.text ?? '', message: this.messageShape(a, String(a.ts)) };
      }

      case 'chat.postEphemeral':
        if (!a.channel) return { ok: false, error: 'channel_not_found' };
        if (!a.user) return { ok: false, error: 'user_not_in_channel' };
        return { ok: true, message_ts: this.nextTs() };

      case 'chat.getPermalink': {
        const channel = String(a.channel ?? '');
        const ts = String(a.message_ts ?? '');
        if (!this.posted.get(channel)?.has(ts)) return { ok: false, error: 'message_not_found' };
        return { ok: true, channel, permalink: `https://fake.slack.test/archives/${channel}/p${ts.replace('.', '')}` };
      }

      case 'conversations.open': {
        const users = String(a.users ?? '')
          .split(',')
          .map((u) => u.trim())
          .filter(Boolean);
        if (users.length === 0) return { ok: false, error: 'users_list_not_supplied' };
        const id = users.length === 1 ? `D${users[0]}` : `G${[...users].sort().join('')}`;
        return { ok: true, channel: { id } };
      }

      case 'conversations.info': {
        const id = String(a.channel ?? '');
        const member = this.channels.get(id);
        // Like Slack, a private channel the bot is not in is not found; a public one says is_member: false.
        if (member === undefined) return { ok: false, error: 'channel_not_found' };
        return {
          ok: true,
          channel: {
            id,
            name: id.toLowerCase(),
            is_channel: id.startsWith('C'),
            is_private: id.startsWith('G'),
            is_member: member,
          },
        };
      }

      case 'users.info': {
        const id = String(a.user ?? '');
        const configured = this.users.get(id);
        if (!configured && !/^[UW][A-Z0-9]+$/.test(id)) return { ok: false, error: 'user_not_found' };
        const u: FakeUser = {
          email: `${id.toLowerCase()}@example.com`,
          locale: 'en-US',
          name: id,
          tz: 'Asia/Tokyo',
          ...configured,
        };
        const name = u.name ?? id;
        return {
          ok: true,
          user: {
            id,
            team_id: 'T1',
            name,
            real_name: name,
            deleted: false,
            is_bot: false,
            tz: u.tz,
            // Like Slack, locale is only present when asked for with include_locale=true.
            ...(isTrue(a.include_locale) ? { locale: u.locale } : {}),
            profile: {
              real_name: name,
              display_name: name,
              ...(u.email ? { email: u.email } : {}),
            },
          },
        };
      }

      case 'response_url':
        return { ok: true };

      // User groups: kept in `usergroups`; failures (missing_scope, permission_denied…) are injected with fail().
      case 'usergroups.list': {
        const all = [...this.usergroups.values()].filter((g) => isTrue(a.include_disabled) || g.date_delete === 0);
        return {
          ok: true,
          usergroups: all.map((g) => ({
            ...g,
            user_count: g.users.length,
            ...(isTrue(a.include_users) ? { users: [...g.users] } : { users: undefined }),
          })),
        };
      }
      case 'usergroups.create': {
        const handle = String(a.handle ?? a.name ?? '');
        if (!a.name) return { ok: false, error: 'invalid_arguments' };
        if ([...this.usergroups.values()].some((g) => g.handle === handle || g.name === a.name))
          return { ok: false, error: 'name_already_exists' };
        const group: FakeUsergroup = {
          id: `S${String(this.usergroups.size + 1).padStart(8, '0')}`,
          name: String(a.name),
          handle,
          users: [],
          date_delete: 0,
        };
        this.usergroups.set(group.id, group);
        return { ok: true, usergroup: { ...group } };
      }
      case 'usergroups.users.update': {
        const group = this.usergroups.get(String(a.usergroup ?? ''));
        if (!group) return { ok: false, error: 'no_such_subteam' };
        const users = String(a.users ?? '')
          .split(',')
          .map((u) => u.trim())
          .filter(Boolean);
        if (users.length === 0) return { ok: false, error: 'invalid_users' };
        group.users = users;
        return { ok: true, usergroup: { ...group } };
      }
      case 'usergroups.enable':
      case 'usergroups.disable': {
        const group = this.usergroups.get(String(a.usergroup ?? ''));
        if (!group) return { ok: false, error: 'no_such_subteam' };
        const enable = method === 'usergroups.enable';
        if (enable ? group.date_delete === 0 : group.date_delete !== 0)
          return { ok: false, error: enable ? 'already_enabled' : 'already_disabled' };
        group.date_delete = enable ? 0 : 1_700_000_000;
        return { ok: true, usergroup: { ...group } };
      }

      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  private messageShape(a: Record<string, any>, ts: string): Record<string, any> {
    return {
      type: 'message',
      user: 'UBOT',
      bot_id: 'BBOT',
      app_id: 'A1',
      team: 'T1',
      text: a.text ?? '',
      ts,
      ...(a.blocks !== undefined ? { blocks: a.blocks } : {}),
      ...(a.attachments !== undefined ? { attachments: a.attachments } : {}),
      ...(a.thread_ts !== undefined ? { thread_ts: String(a.thread_ts) } : {}),
      ...(a.metadata !== undefined ? { metadata: a.metadata } : {}),
    };
  }

  /** Unique, increasing Slack-style timestamps: 1700000000.000100, 1700000000.000200, … */
  private nextTs(): string {
    const micros = ++this.tsCounter * 100;
    const sec = 1_700_000_000 + Math.floor(micros / 1_000_000);
    return `${sec}.${String(micros % 1_000_000).padStart(6, '0')}`;
  }

  private nextViewId(): string {
    return `V${String(++this.viewCounter).padStart(10, '0')}`;
  }
}

// ------------------------------------------------------------------ helpers

function failureAnswer(f: Failure): Answer {
  if ('drop' in f) return { drop: true };
  if ('error' in f) {
    if (f.error === 'ratelimited') {
      return {
        status: f.status ?? 429,
        body: { ok: false, error: 'ratelimited' },
        headers: { 'retry-after': String(f.retryAfter ?? 1) },
      };
    }
    return { status: f.status ?? 200, body: { ok: false, error: f.error } };
  }
  // Bare HTTP status. Real Slack always sends Retry-After with a 429; without it
  // @slack/web-api aborts with a "Retry header did not contain a valid timeout" error.
  const headers: Record<string, string> = f.status === 429 ? { 'retry-after': '1' } : {};
  return { status: f.status, body: http.STATUS_CODES[f.status] ?? 'error', headers };
}

/** `U123` → `DU123`, the DM id conversations.open returns for that user; other ids unchanged. */
function dmChannelFor(channel: string): string {
  return /^[UW][A-Z0-9]+$/.test(channel) ? `D${channel}` : channel;
}

function isTrue(v: unknown): boolean {
  return v === true || v === 1 || v === 'true' || v === '1';
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseBody(raw: string, contentType: string | undefined): Record<string, any> {
  if (raw === '') return {};
  const ct = (contentType ?? '').toLowerCase();
  const looksJson = ct.includes('json') || (!ct.includes('form-urlencoded') && /^\s*[{[]/.test(raw));
  if (looksJson) {
    try {
      const parsed: unknown = JSON.parse(raw);
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
        ? (parsed as Record<string, any>)
        : { _body: parsed };
    } catch {
      return { _raw: raw };
    }
  }
  if (ct.startsWith('multipart/')) return { _raw: raw }; // file uploads: not needed by this app
  return flattenQuery(parseQuery(raw));
}

/** querystring.parse gives string | string[] (repeated keys) | undefined; drop the undefineds. */
function flattenQuery(q: ReturnType<typeof parseQuery>): Record<string, any> {
  const out: Record<string, any> = {};
  for (const [k, v] of Object.entries(q)) if (v !== undefined) out[k] = v;
  return out;
}
