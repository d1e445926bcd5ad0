// The Directory port over cybozu.com's User API (/v1/…).

import { authHeaders } from './auth.js';
import { resolveOptions, type CybozuUserApiOptions, type ResolvedOptions } from './client-options.js';
import { CybozuHttp } from './cybozu-http.js';
import { groupsAnswer, knownServices, servicesAnswer, toDirectoryUser, usersAnswer } from './cybozu-schemas.js';
import { environmentCheck, type EnvironmentCheck } from './environment-check.js';
import { DirectoryUnexpectedError, DirectoryUserNotFoundError, DirectoryValidationError } from './errors.js';
import {
  ADMINISTRATORS_GROUP_CODE,
  BUILT_IN_ADMINISTRATOR_LOGIN,
  type Directory,
  type DirectoryUser,
  type ServiceName,
} from './port.js';
import { TtlCache } from './ttl-cache.js';
import { authAccountOf, type AuthAccount } from './write-capability.js';

export type { CybozuUserApiOptions } from './client-options.js';

/** The User API takes at most 100 users per request, and pages with size ≤ 100. */
export const MAX_BATCH = 100;
/** Stop paging past this many users rather than loop forever on a misbehaving server. */
const MAX_USERS = 100_000;

// Without codes the API answers the first 100 users, so a blank login name must never reach it.
const isBlank = (loginName: string): boolean => loginName.trim() === '';

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

const normalizeEmail = (email: string): string => email.trim().toLowerCase();

interface UserUpdate {
  code: string;
  valid: boolean;
  password?: string;
}

export class CybozuUserApi implements Directory {
  private readonly options: ResolvedOptions;
  private readonly http: CybozuHttp;
  private readonly userList: TtlCache<DirectoryUser[]>;

  /** Throws DirectoryNotConfiguredError (e.g. token together with Basic auth, a foreign host). */
  constructor(options: CybozuUserApiOptions) {
    this.options = resolveOptions(options);
    const { baseUrl, auth, basicAuth, timeoutMs, readRetries, retryBaseMs, sleep, now, log, observe, fetch } =
      this.options;
    this.http = new CybozuHttp({
      baseUrl,
      headers: authHeaders(auth, basicAuth),
      timeoutMs,
      readRetries,
      retryBaseMs,
      sleep,
      now,
      log,
      observe,
      fetch,
    });
    this.userList = new TtlCache(this.options.userListTtlMs, now);
  }

  /** Which credentials this client uses: the auth method, and the login name for password auth. */
  get authAccount(): AuthAccount {
    return authAccountOf(this.options.auth);
  }

  /** The environment this client talks to (login page, admin screens are built from it). */
  get baseUrl(): URL {
    return this.options.baseUrl;
  }

  async findByLoginName(loginName: string): Promise<DirectoryUser | null> {
    if (isBlank(loginName)) return null;
    const [user] = await this.findByLoginNames([loginName]);
    return user ?? null;
  }

  /** Accounts for these login names (unknown ones are absent), in batches of 100. */
  async findByLoginNames(loginNames: readonly string[]): Promise<DirectoryUser[]> {
    const codes = [...new Set(loginNames.filter((name) => !isBlank(name)))];
    const found: DirectoryUser[] = [];
    for (const batch of chunks(codes, MAX_BATCH)) {
      const answer = await this.http.read('/v1/users.json', { codes: batch }, usersAnswer);
      found.push(...answer.users.map(toDirectoryUser));
    }
    return found;
  }

  async findByEmail(email: string): Promise<DirectoryUser[]> {
    const wanted = normalizeEmail(email);
    if (wanted === '') return [];
    const users = await this.userList.get(() => this.listAllUsers());
    return users.filter((user) => user.email !== null && normalizeEmail(user.email) === wanted);
  }

  /**
   * Every account, page by page. The User API has no e-mail filter, so finding by e-mail costs
   * one GET per 100 accounts (5,000 accounts = 50 requests, each with its own timeout and
   * retries). findByEmail therefore keeps the list for userListTtlMs; writes drop it.
   */
  async listAllUsers(): Promise<DirectoryUser[]> {
    const byId = new Map<string, DirectoryUser>();
    for (let offset = 0; ; offset += MAX_BATCH) {
      if (offset >= MAX_USERS) {
        throw new DirectoryUnexpectedError(`paging went past ${MAX_USERS} users`);
      }
      const page = await this.http.read('/v1/users.json', { size: MAX_BATCH, offset }, usersAnswer);
      // Keyed by id: an account added while paging may shift a page and repeat an entry.
      for (const user of page.users) byId.set(String(user.id), toDirectoryUser(user));
      if (page.users.length < MAX_BATCH) return [...byId.values()];
    }
  }

  async services(loginName: string): Promise<ServiceName[]> {
    const entry = await this.servicesEntry(loginName);
    return entry ? knownServices(entry.services) : [];
  }

  async isAdministrator(loginName: string): Promise<boolean> {
    if (isBlank(loginName)) return false;
    try {
      const answer = await this.http.read('/v1/user/groups.json', { code: loginName }, groupsAnswer);
      return answer.groups.some((group) => group.code === ADMINISTRATORS_GROUP_CODE);
    } catch (error) {
      // What groups.json answers for an unknown login name is not documented; if it is a
      // validation error and the account indeed does not exist, the answer is simply "no".
      if (error instanceof DirectoryValidationError && (await this.findByLoginName(loginName)) === null) {
        return false;
      }
      throw error;
    }
  }

  async setPassword(loginName: string, password: string): Promise<void> {
    const user = await this.requireUser(loginName);
    // PUT without `valid` sets valid: true, silently resuming a suspended account: send the current one.
    // (Read and write are two requests; the API has no conditional update to close that gap.)
    await this.updateUser({ code: user.loginName, password, valid: user.active });
  }

  async resume(loginName: string): Promise<void> {
    const user = await this.requireUser(loginName);
    await this.updateUser({ code: user.loginName, valid: true });
  }

  async suspend(loginName: string): Promise<void> {
    const user = await this.requireUser(loginName);
    await this.updateUser({ code: user.loginName, valid: false });
  }

  async assignService(loginName: string, service: ServiceName): Promise<void> {
    if (loginName === BUILT_IN_ADMINISTRATOR_LOGIN) {
      throw new DirectoryUnexpectedError(
        'the services of the built-in Administrator cannot be read or changed through the User API',
      );
    }
    const entry = await this.servicesEntry(loginName);
    if (!entry) throw new DirectoryUserNotFoundError(loginName);
    if (entry.services.includes(service)) return;
    // PUT replaces the whole list. The list is written back as read, including services this
    // code does not know, so assigning kintone never takes another service away.
    await this.write('PUT', '/v1/users/services.json', {
      users: [{ code: entry.code, services: [...entry.services, service] }],
    });
  }

  /** Reachability, TLS, login page and API credentials, in that order. Never throws. */
  environmentCheck(): Promise<EnvironmentCheck[]> {
    return environmentCheck(this.options);
  }

  private async servicesEntry(loginName: string): Promise<{ code: string; services: string[] } | null> {
    // 「Administratorのデータは出力できません」: cybozu never lists the built-in Administrator here. Whether it
    // answers an error or leaves it out is unconfirmed, so it is not asked (callers read [] as "unknown" for it).
    if (isBlank(loginName) || loginName === BUILT_IN_ADMINISTRATOR_LOGIN) return null;
    const answer = await this.http.read('/v1/users/services.json', { codes: [loginName] }, servicesAnswer);
    return answer.users[0] ?? null;
  }

  private async requireUser(loginName: string): Promise<DirectoryUser> {
    const user = await this.findByLoginName(loginName);
    if (!user) throw new DirectoryUserNotFoundError(loginName);
    return user;
  }

  private updateUser(update: UserUpdate): Promise<void> {
    return this.write('PUT', '/v1/users.json', { users: [update] });
  }

  private async write(method: 'PUT' | 'POST' | 'DELETE', path: string, body: unknown): Promise<void> {
    try {
      await this.http.write(method, path, body);
    } finally {
      // Even a failed write may have been applied (e.g. it timed out after cybozu got it).
      this.userList.invalidate();
    }
  }
}
