// The directory port: what the rest of the app may ask of cybozu.com's user directory.
// No HTTP and no Slack types here, so handlers and tests can use any implementation.

export interface DirectoryUser {
  /** cybozu's numeric user id, as the string the API returns. */
  id: string;
  /** The login name (`code` in the User API). */
  loginName: string;
  name: string;
  /** null when the account has no e-mail address (self-service password reset then cannot work). */
  email: string | null;
  /** true = 使用中 (in use), false = 停止中 (suspended). */
  active: boolean;
  locale?: string | null;
}

export const SERVICE_NAMES = ['kintone', 'garoon', 'office', 'mailwise', 'secure_access'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export function isServiceName(value: unknown): value is ServiceName {
  return typeof value === 'string' && (SERVICE_NAMES as readonly string[]).includes(value);
}

/** Group code that marks a common administrator (cybozu.com共通管理者). */
export const ADMINISTRATORS_GROUP_CODE = 'Administrators';

/**
 * cybozu.com's built-in administrator login. `GET /v1/users/services.json` does not list it (「Administratorのデータは
 * 出力できません」), so its services are unknown, never "kintone missing". Exact, case-sensitive match (unconfirmed
 * whether cybozu treats the name case-insensitively; an exact match can only err toward showing no kintone finding).
 */
export const BUILT_IN_ADMINISTRATOR_LOGIN = 'Administrator';

export interface Directory {
  /** null when no account has this login name. */
  findByLoginName(loginName: string): Promise<DirectoryUser | null>;
  /** All accounts with that e-mail (case-insensitive); [] when none. */
  findByEmail(email: string): Promise<DirectoryUser[]>;
  /** Services assigned to the account; [] when the account does not exist. */
  services(loginName: string): Promise<ServiceName[]>;
  /** Member of the Administrators group (code 'Administrators'); false when the account does not exist. */
  isAdministrator(loginName: string): Promise<boolean>;
  /** Sets a new password and keeps the account's CURRENT valid state (it is read first). */
  setPassword(loginName: string, password: string): Promise<void>;
  /** valid: true */
  resume(loginName: string): Promise<void>;
  /** valid: false */
  suspend(loginName: string): Promise<void>;
  /** Adds the service to the account's list (the API replaces the whole list: read, add, write). */
  assignService(loginName: string, service: ServiceName): Promise<void>;
}
