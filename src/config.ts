import { existsSync, statSync } from 'node:fs';
import { z } from 'zod';
import { validateDirectoryAuth } from './directory/auth.js';
import { parseCybozuBaseUrl } from './directory/base-url.js';
import { parseNoProxy, parseProxyUrl, proxyEnvironment, type ProxyEnvironment } from './net/proxy.js';
import {
  CYBOZU_DEFAULTS,
  MAX_LOCKOUT_FAILURES,
  MAX_LOCKOUT_MINUTES,
  MAX_LOGIN_FAILURE_MESSAGE,
  MAX_PASSWORD_LENGTH,
  PASSWORD_KINDS,
  SELF_SERVICE_DEFAULTS,
  type EnvironmentSettings,
} from './settings/environment-settings.js';

/** Everything the app reads from the environment, parsed once at start (see docs in .env.example). */
export interface Config {
  slack: {
    mode: 'socket' | 'http';
    botToken: string;
    appToken?: string;
    signingSecret?: string;
    apiUrl?: string;
    /** How long start() keeps trying to reach Slack before it exits with the reason. */
    startupTimeoutSeconds: number;
    /** Socket Mode: how long without a connection before /healthz answers 503. */
    disconnectedUnhealthySeconds: number;
  };
  /** HTTPS_PROXY / HTTP_PROXY / NO_PROXY (lower-case forms win), as given; src/net parses them. */
  proxy: ProxyEnvironment;
  port: number;
  /** Bearer token that unlocks /healthz details; without it nobody sees them. */
  healthToken?: string;
  supportChannelId: string;
  adminSlackIds: string[];
  databasePath: string;
  /** Scheduled online backups (BACKUP_DIR); absent: none. */
  backup?: { dir: string; everyHours: number; keep: number };
  cybozu?: {
    baseUrl: string;
    apiToken?: string;
    login?: string;
    password?: string;
    basicAuth?: string;
    timeoutMs: number;
  };
  /** The cybozu.com login settings assumed until an admin saves them from App Home (CYBOZU_LOCKOUT_… etc.). */
  environmentDefaults: EnvironmentSettings;
  escalationMinutes: number;
  /** Duty that runs itself (issue 16): the on-duty user group, quiet claims, the daily post. */
  duty: {
    /** DUTY_USERGROUP_HANDLE: the Slack user group kept equal to the admins on duty now (none: not kept). */
    usergroupHandle?: string;
    /** How often the group is read back and repaired, and how long after a failure it is tried again. */
    usergroupCheckMinutes: number;
    /** Acknowledged without resolution this long → reminder (0: off). */
    quietClaimHours: number;
    /** After the reminder, this long more → back to open and routed again. */
    quietReopenHours: number;
    /** When the daily duty post goes out on business days (local time in TIMEZONE); null: no daily post. */
    dailyPostAt: { hour: number; minute: number } | null;
  };
  /** What one person may cost the admins, Slack and cybozu.com (see README, "Limits"). */
  limits: {
    /** Unresolved (open or acknowledged) reports one reporter may have at once. */
    maxOpenReports: number;
    /** Reports one reporter may submit per rolling hour. */
    reportsPerHour: number;
    /** An admin gets at most one DM about waiting reports per this many minutes; the rest are coalesced. */
    adminAlertIntervalMinutes: number;
    /** `diagnose` runs per user per rolling minute. */
    diagnosePerMinute: number;
  };
  /** Key (32 bytes) that encrypts temporary passwords at rest; without it reset/unlock are refused. */
  secretKey?: Buffer;
  /** How long a temporary password can be revealed. */
  secretTtlMinutes: number;
  /** How long a request for a second admin's approval stays valid. */
  approvalExpiryMinutes: number;
  /** Days after which personal data is erased: closed reports' free text, cached profiles, audit rows' personal fields. */
  retentionDays: number;
  timezone: string;
  defaultLocale: 'ja' | 'en';
  oidc?: {
    issuer: string;
    clientId: string;
    clientSecret: string;
    redirectUrl: string;
    adminGroup?: string;
    /** How long an admin's single sign-on counts for account actions. */
    stepUpHours: number;
    /** How long a linked identity counts (a reporter's verification, and the admin's step-up at most). */
    verificationHours: number;
    /** http:// on the loopback interface only (a local provider in tests); never elsewhere. */
    allowInsecure: boolean;
  };
  logLevel: 'debug' | 'info' | 'warn' | 'error';
}

export class ConfigError extends Error {
  /** `missing`: required variables that are not set at all (a newcomer without .env has all of them). */
  constructor(
    readonly problems: string[],
    readonly missing: string[] = [],
  ) {
    super(`Invalid configuration:\n${problems.join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Empty strings in .env mean "not set". */
const optional = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const slackUserId = /^[UW][A-Z0-9]{2,}$/;

/** "true" or "false" only (z.coerce.boolean() would take any non-empty string as true). */
const flag = (fallback: boolean) =>
  optional
    .pipe(z.enum(['true', 'false'], { error: 'expected "true" or "false"' }).optional())
    .transform((v) => (v === undefined ? fallback : v === 'true'));

/** A whole number within [min, max], `fallback` when unset; `expected` says what it counts when it is not. */
const wholeNumber = (expected: string, min: number, max: number, fallback: number) =>
  optional.pipe(z.coerce.number<string | undefined>({ error: expected }).int().min(min).max(max).default(fallback));

const schema = z.object({
  SLACK_BOT_TOKEN: optional.pipe(
    z
      .string({ error: 'required: the bot token (xoxb-…)' })
      .regex(/^xoxb-[A-Za-z0-9-]+$/, 'expected a bot token starting with xoxb-'),
  ),
  SLACK_APP_TOKEN: optional.pipe(
    z
      .string()
      .regex(/^xapp-[A-Za-z0-9-]+$/, 'expected an app-level token starting with xapp-')
      .optional(),
  ),
  SLACK_SIGNING_SECRET: optional,
  SLACK_MODE: optional.pipe(z.enum(['socket', 'http'], { error: 'expected "socket" or "http"' }).optional()),
  PORT: wholeNumber('expected a port number', 0, 65535, 3000),
  HEALTH_TOKEN: optional.pipe(
    z
      .string()
      .regex(/^\S{16,}$/, 'expected at least 16 characters without spaces (e.g. `openssl rand -hex 16`)')
      .optional(),
  ),
  SLACK_API_URL: optional.pipe(z.url({ error: 'expected a URL such as https://slack.com/api/' }).optional()),
  SLACK_STARTUP_TIMEOUT_SECONDS: wholeNumber('expected a number of seconds', 1, 600, 60),
  SLACK_DISCONNECTED_UNHEALTHY_SECONDS: wholeNumber('expected a number of seconds', 1, 86_400, 120),
  // Read with their lower-case forms in parseConfig (proxyEnvironment); listed here so .env.example documents them.
  HTTPS_PROXY: optional,
  HTTP_PROXY: optional,
  NO_PROXY: optional,
  SUPPORT_CHANNEL_ID: optional.pipe(
    z
      .string({ error: 'required: the channel ID (C…) where reports are posted' })
      .regex(/^[CG][A-Z0-9]{2,}$/, 'expected a channel ID such as C0123ABCD (not a channel name)'),
  ),
  ADMIN_SLACK_IDS: optional.pipe(
    z
      .string()
      .transform((v) =>
        v
          .split(',')
          .map((id) => id.trim())
          .filter(Boolean),
      )
      .refine(
        (ids) => ids.every((id) => slackUserId.test(id)),
        'expected comma-separated Slack user IDs such as U0123ABCD',
      )
      .optional(),
  ),
  DATABASE_PATH: optional.pipe(z.string().default('data/kintone-login.db')),
  BACKUP_DIR: optional,
  BACKUP_EVERY_HOURS: optional.pipe(
    z.coerce
      .number<string | undefined>({ error: 'expected a number of hours' })
      .positive()
      .max(24 * 30)
      .default(24),
  ),
  BACKUP_KEEP: wholeNumber('expected a number of backups', 1, 1000, 7),
  CYBOZU_BASE_URL: optional,
  CYBOZU_API_TOKEN: optional,
  CYBOZU_LOGIN: optional,
  CYBOZU_PASSWORD: optional,
  CYBOZU_BASIC_AUTH: optional,
  CYBOZU_TIMEOUT_MS: wholeNumber('expected milliseconds', 100, 60000, 5000),
  // First-start defaults of the environment settings (App Home → cybozu.com settings); ignored once saved there.
  CYBOZU_LOCKOUT: flag(CYBOZU_DEFAULTS.lockout.enabled),
  CYBOZU_LOCKOUT_FAILURES: wholeNumber(
    'expected a number of attempts',
    1,
    MAX_LOCKOUT_FAILURES,
    CYBOZU_DEFAULTS.lockout.failures,
  ),
  CYBOZU_LOCKOUT_MINUTES: optional.pipe(
    z
      .string()
      .regex(/^(never|[1-9][0-9]*)$/, 'expected a number of minutes, or "never" (an admin must unlock)')
      .transform((v) => (v === 'never' ? null : Number(v)))
      .refine((v) => v === null || v <= MAX_LOCKOUT_MINUTES, `expected at most ${MAX_LOCKOUT_MINUTES} minutes`)
      .optional(),
  ),
  CYBOZU_PASSWORD_MIN_LENGTH: wholeNumber(
    'expected a number of characters',
    1,
    MAX_PASSWORD_LENGTH,
    CYBOZU_DEFAULTS.password.minLength,
  ),
  CYBOZU_PASSWORD_KINDS: optional.pipe(
    z
      .string()
      .transform((v) => [
        ...new Set(
          v
            .split(',')
            .map((k) => k.trim())
            .filter(Boolean),
        ),
      ])
      .refine(
        (kinds) => kinds.every((k) => (PASSWORD_KINDS as readonly string[]).includes(k)),
        `expected a comma-separated list of ${PASSWORD_KINDS.join(', ')}`,
      )
      .optional(),
  ),
  CYBOZU_PASSWORD_NOT_LOGIN_NAME: flag(CYBOZU_DEFAULTS.password.notLoginName),
  CYBOZU_USERS_MAY_CHANGE_PASSWORD: flag(CYBOZU_DEFAULTS.usersMayChangePassword),
  CYBOZU_MUST_CHANGE_TEMPORARY_PASSWORD: flag(CYBOZU_DEFAULTS.mustChangeTemporaryPassword),
  CYBOZU_SELF_RESET: flag(CYBOZU_DEFAULTS.selfReset),
  CYBOZU_SAML_REQUIRED: flag(CYBOZU_DEFAULTS.saml.required),
  CYBOZU_SAML_ADMIN_PASSWORD_LOGIN: flag(CYBOZU_DEFAULTS.saml.passwordLoginForAdmins),
  CYBOZU_LOGIN_FAILURE_MESSAGE: optional.pipe(
    z.string().max(MAX_LOGIN_FAILURE_MESSAGE, `expected at most ${MAX_LOGIN_FAILURE_MESSAGE} characters`).optional(),
  ),
  SECRET_ENCRYPTION_KEY: optional.pipe(
    z
      .string()
      .refine(
        (v) => decodeKey(v) !== null,
        'expected 32 random bytes as exactly 64 hex characters or standard base64 (e.g. `openssl rand -hex 32`)',
      )
      .refine((v) => {
        const key = decodeKey(v);
        return key === null || new Set(key).size > MIN_KEY_VARIETY;
      }, 'not random: it has almost no variety (4 or fewer distinct bytes); generate one with `openssl rand -hex 32`')
      .optional(),
  ),
  SECRET_TTL_MINUTES: wholeNumber('expected a number of minutes', 1, 24 * 60, 15),
  APPROVAL_EXPIRY_MINUTES: wholeNumber('expected a number of minutes', 1, 7 * 24 * 60, 60),
  RETENTION_DAYS: wholeNumber('expected a number of days', 1, 3650, 365),
  ESCALATION_MINUTES: wholeNumber('expected a number of minutes', 1, 24 * 60, 15),
  DUTY_USERGROUP_HANDLE: optional.pipe(
    z
      .string()
      .transform((v) => v.replace(/^@/, ''))
      .pipe(
        z
          .string()
          .regex(
            /^[a-z0-9][a-z0-9._-]{0,20}$/,
            'expected a user group handle such as kintone-duty (lower-case letters, digits, - _ ., at most 21 characters)',
          ),
      )
      .optional(),
  ),
  DUTY_USERGROUP_CHECK_MINUTES: wholeNumber('expected a number of minutes', 1, 24 * 60, 10),
  QUIET_CLAIM_HOURS: optional.pipe(
    z.coerce
      .number<string | undefined>({ error: 'expected a number of hours (0: off)' })
      .min(0)
      .max(24 * 14)
      .default(4),
  ),
  QUIET_CLAIM_REOPEN_HOURS: optional.pipe(
    z.coerce
      .number<string | undefined>({ error: 'expected a number of hours' })
      .positive()
      .max(24 * 14)
      .default(4),
  ),
  DAILY_POST_AT: optional.pipe(
    z
      .string()
      .regex(/^(off|([01]?\d|2[0-3]):[0-5]\d)$/, 'expected HH:MM (e.g. 09:00) or "off"')
      .default('09:00'),
  ),
  MAX_OPEN_REPORTS: wholeNumber('expected a number of reports', 1, 100, 3),
  REPORTS_PER_HOUR: wholeNumber('expected a number of reports', 1, 1000, 5),
  ADMIN_ALERT_INTERVAL_MINUTES: wholeNumber('expected a number of minutes', 1, 24 * 60, 10),
  DIAGNOSE_PER_MINUTE: wholeNumber('expected a number of checks', 1, 100, 3),
  TIMEZONE: optional.pipe(
    z.string().refine(isTimeZone, 'expected an IANA time zone such as Asia/Tokyo').default('Asia/Tokyo'),
  ),
  DEFAULT_LOCALE: optional.pipe(z.enum(['ja', 'en'], { error: 'expected "ja" or "en"' }).default('ja')),
  OIDC_ISSUER: optional.pipe(z.url({ error: 'expected the issuer URL' }).optional()),
  OIDC_CLIENT_ID: optional,
  OIDC_CLIENT_SECRET: optional,
  OIDC_REDIRECT_URL: optional.pipe(z.url({ error: 'expected the callback URL ending in /oidc/callback' }).optional()),
  OIDC_ADMIN_GROUP: optional,
  OIDC_STEP_UP_HOURS: optional.pipe(
    z.coerce
      .number<string | undefined>({ error: 'expected a number of hours' })
      .positive()
      .max(24 * 30)
      .default(8),
  ),
  OIDC_VERIFICATION_HOURS: optional.pipe(
    z.coerce
      .number<string | undefined>({ error: 'expected a number of hours' })
      .positive()
      .max(24 * 30)
      .default(24),
  ),
  LOG_LEVEL: optional.pipe(
    z.enum(['debug', 'info', 'warn', 'error'], { error: 'expected debug, info, warn or error' }).default('info'),
  ),
});

/** DATABASE_PATH alone, as the app reads it (for `npm run backup` / `restore`, which need nothing else). */
export function databasePathFrom(env: Record<string, string | undefined>): string {
  return schema.shape.DATABASE_PATH.parse(env.DATABASE_PATH);
}

/** Every variable the app reads (the interface contract: docs/contract.md). */
export const CONFIG_VARIABLES = Object.keys(schema.shape);

function isHttpsOrLoopback(raw: string): boolean {
  const url = new URL(raw);
  return (
    url.protocol === 'https:' ||
    (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname))
  );
}

/**
 * Exactly 64 hex characters, or strict standard base64 of 32 bytes (44 characters with its one `=`). Node's base64
 * decoder skips what it does not understand, so a pasted passphrase could otherwise decode to 32 weak bytes.
 */
function decodeKey(raw: string): Buffer | null {
  if (/^[0-9a-fA-F]{64}$/.test(raw)) return Buffer.from(raw, 'hex');
  if (!/^[A-Za-z0-9+/]{43}=$/.test(raw)) return null;
  const key = Buffer.from(raw, 'base64');
  return key.length === 32 && key.toString('base64') === raw ? key : null;
}

/** A key made of this few distinct bytes is a placeholder (`000…`, `abab…`), not a random key. */
const MIN_KEY_VARIETY = 4;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Checks that need more than one variable, or that the directory module knows best. */
export type ExtraCheck = (env: Record<string, string | undefined>) => string[];

/**
 * Parses the environment. Throws a ConfigError listing one line per problem (malformed values and problems
 * between variables alike, all in one run); values are never echoed, so a secret pasted into the wrong variable
 * does not end up in a log.
 */
export function parseConfig(
  env: Record<string, string | undefined> = process.env,
  extraChecks: ExtraCheck[] = [],
): Config {
  const result = schema.safeParse(env);
  const problems: string[] = [];
  const missing: string[] = [];
  const malformed = new Set<string>();
  const value = (name: string): string | undefined => env[name]?.trim() || undefined;
  if (!result.success) {
    for (const issue of result.error.issues) {
      const variable = String(issue.path[0] ?? '?');
      const absent = issue.code === 'invalid_type' && value(variable) === undefined;
      if (absent) missing.push(variable);
      else malformed.add(variable);
      problems.push(`${variable}: ${absent ? 'is required' : issue.message}`);
    }
  }
  for (const check of extraChecks) problems.push(...check(env));
  problems.push(...crossVariableProblems(value, malformed));
  const proxy = proxyEnvironment(env);
  problems.push(...proxyProblems(proxy));
  if (!result.success || problems.length > 0) throw new ConfigError(dedupe(problems), missing);
  const e = result.data;
  const mode = e.SLACK_MODE ?? (e.SLACK_APP_TOKEN ? 'socket' : 'http');

  const config: Config = {
    slack: {
      mode,
      botToken: e.SLACK_BOT_TOKEN,
      appToken: e.SLACK_APP_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      apiUrl: e.SLACK_API_URL,
      startupTimeoutSeconds: e.SLACK_STARTUP_TIMEOUT_SECONDS,
      disconnectedUnhealthySeconds: e.SLACK_DISCONNECTED_UNHEALTHY_SECONDS,
    },
    proxy: { httpsProxy: proxy.httpsProxy, httpProxy: proxy.httpProxy, noProxy: proxy.noProxy },
    port: e.PORT,
    ...(e.HEALTH_TOKEN ? { healthToken: e.HEALTH_TOKEN } : {}),
    supportChannelId: e.SUPPORT_CHANNEL_ID,
    adminSlackIds: e.ADMIN_SLACK_IDS ?? [],
    databasePath: e.DATABASE_PATH,
    ...(e.BACKUP_DIR ? { backup: { dir: e.BACKUP_DIR, everyHours: e.BACKUP_EVERY_HOURS, keep: e.BACKUP_KEEP } } : {}),
    cybozu: e.CYBOZU_BASE_URL
      ? {
          baseUrl: e.CYBOZU_BASE_URL,
          apiToken: e.CYBOZU_API_TOKEN,
          login: e.CYBOZU_LOGIN,
          password: e.CYBOZU_PASSWORD,
          basicAuth: e.CYBOZU_BASIC_AUTH,
          timeoutMs: e.CYBOZU_TIMEOUT_MS,
        }
      : undefined,
    environmentDefaults: {
      lockout: {
        enabled: e.CYBOZU_LOCKOUT,
        failures: e.CYBOZU_LOCKOUT_FAILURES,
        unlockAfterMinutes:
          e.CYBOZU_LOCKOUT_MINUTES === undefined
            ? CYBOZU_DEFAULTS.lockout.unlockAfterMinutes
            : e.CYBOZU_LOCKOUT_MINUTES,
      },
      password: {
        minLength: e.CYBOZU_PASSWORD_MIN_LENGTH,
        kinds: (e.CYBOZU_PASSWORD_KINDS ?? CYBOZU_DEFAULTS.password.kinds) as EnvironmentSettings['password']['kinds'],
        notLoginName: e.CYBOZU_PASSWORD_NOT_LOGIN_NAME,
      },
      usersMayChangePassword: e.CYBOZU_USERS_MAY_CHANGE_PASSWORD,
      mustChangeTemporaryPassword: e.CYBOZU_MUST_CHANGE_TEMPORARY_PASSWORD,
      selfReset: e.CYBOZU_SELF_RESET,
      saml: { required: e.CYBOZU_SAML_REQUIRED, passwordLoginForAdmins: e.CYBOZU_SAML_ADMIN_PASSWORD_LOGIN },
      loginFailureMessage: e.CYBOZU_LOGIN_FAILURE_MESSAGE ?? '',
      // Self-service is switched on by admins in App Home only (issue 15): never by an env default.
      selfService: SELF_SERVICE_DEFAULTS,
    },
    escalationMinutes: e.ESCALATION_MINUTES,
    duty: {
      ...(e.DUTY_USERGROUP_HANDLE ? { usergroupHandle: e.DUTY_USERGROUP_HANDLE } : {}),
      usergroupCheckMinutes: e.DUTY_USERGROUP_CHECK_MINUTES,
      quietClaimHours: e.QUIET_CLAIM_HOURS,
      quietReopenHours: e.QUIET_CLAIM_REOPEN_HOURS,
      dailyPostAt:
        e.DAILY_POST_AT === 'off'
          ? null
          : { hour: Number(e.DAILY_POST_AT.split(':')[0]), minute: Number(e.DAILY_POST_AT.split(':')[1]) },
    },
    limits: {
      maxOpenReports: e.MAX_OPEN_REPORTS,
      reportsPerHour: e.REPORTS_PER_HOUR,
      adminAlertIntervalMinutes: e.ADMIN_ALERT_INTERVAL_MINUTES,
      diagnosePerMinute: e.DIAGNOSE_PER_MINUTE,
    },
    ...(e.SECRET_ENCRYPTION_KEY ? { secretKey: decodeKey(e.SECRET_ENCRYPTION_KEY)! } : {}),
    secretTtlMinutes: e.SECRET_TTL_MINUTES,
    approvalExpiryMinutes: e.APPROVAL_EXPIRY_MINUTES,
    retentionDays: e.RETENTION_DAYS,
    timezone: e.TIMEZONE,
    defaultLocale: e.DEFAULT_LOCALE,
    oidc:
      e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET && e.OIDC_REDIRECT_URL
        ? {
            issuer: e.OIDC_ISSUER,
            clientId: e.OIDC_CLIENT_ID,
            clientSecret: e.OIDC_CLIENT_SECRET,
            redirectUrl: e.OIDC_REDIRECT_URL,
            adminGroup: e.OIDC_ADMIN_GROUP,
            stepUpHours: e.OIDC_STEP_UP_HOURS,
            verificationHours: e.OIDC_VERIFICATION_HOURS,
            allowInsecure: new URL(e.OIDC_ISSUER).protocol === 'http:',
          }
        : undefined,
    logLevel: e.LOG_LEVEL,
  };
  return deepFreeze(config);
}

/** socket or http: as set, else socket when there is an app token; undefined when SLACK_MODE is malformed. */
function slackMode(value: (name: string) => string | undefined): 'socket' | 'http' | undefined {
  const mode = value('SLACK_MODE');
  if (mode === undefined) return value('SLACK_APP_TOKEN') ? 'socket' : 'http';
  return mode === 'socket' || mode === 'http' ? mode : undefined;
}

/**
 * Problems that need more than one variable. They are checked on the raw values, so they are reported in the same
 * run as malformed ones; a check that needs a malformed variable's value is skipped (that variable has its line).
 */
function crossVariableProblems(value: (name: string) => string | undefined, malformed: Set<string>): string[] {
  const problems: string[] = [];
  const mode = slackMode(value);
  if (!value('SLACK_MODE') && !value('SLACK_APP_TOKEN') && !value('SLACK_SIGNING_SECRET')) {
    problems.push(
      'SLACK_APP_TOKEN: is required for Socket Mode (an app-level token xapp-… with connections:write); for HTTP mode set SLACK_SIGNING_SECRET instead',
    );
  } else if (mode === 'socket' && !value('SLACK_APP_TOKEN')) {
    problems.push('SLACK_APP_TOKEN: is required in socket mode (an app-level token xapp-… with connections:write)');
  } else if (mode === 'http' && !value('SLACK_SIGNING_SECRET')) {
    problems.push('SLACK_SIGNING_SECRET: is required in http mode');
  }

  const cybozuSettings = {
    token: value('CYBOZU_API_TOKEN'),
    login: value('CYBOZU_LOGIN'),
    password: value('CYBOZU_PASSWORD'),
    basicAuth: value('CYBOZU_BASIC_AUTH'),
  };
  const baseUrl = value('CYBOZU_BASE_URL');
  if (baseUrl) {
    const base = parseCybozuBaseUrl(baseUrl);
    if (!base.ok) problems.push(`CYBOZU_BASE_URL: ${base.problem}`);
    problems.push(...validateDirectoryAuth(cybozuSettings).map(prefixWithVariable));
  } else if (Object.values(cybozuSettings).some(Boolean)) {
    problems.push('CYBOZU_BASE_URL: is required when cybozu credentials are set');
  }

  const oidcVars = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URL'].map(value);
  if (oidcVars.some(Boolean) && !oidcVars.every(Boolean)) {
    problems.push(
      'OIDC_ISSUER: single sign-on needs OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and OIDC_REDIRECT_URL together',
    );
  }
  const issuer = value('OIDC_ISSUER');
  if (issuer && !malformed.has('OIDC_ISSUER') && !isHttpsOrLoopback(issuer)) {
    problems.push('OIDC_ISSUER: expected an https:// URL (http:// only for 127.0.0.1 or localhost)');
  }
  return problems;
}

/**
 * Loads `.env` into process.env when there is one (variables already set win). Answers whether there was one;
 * throws a ConfigError when it cannot be read.
 */
export function loadDotEnv(path = '.env'): boolean {
  if (!existsSync(path)) return false;
  if (statSync(path).isDirectory()) throw new ConfigError([`${path}: cannot be read (EISDIR: it is a directory)`]);
  try {
    process.loadEnvFile(path);
  } catch (error) {
    throw new ConfigError([
      `${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    ]);
  }
  return true;
}

/** The lines to print for a ConfigError; when required variables are missing and there is no .env, the first says how to make one. */
export function configErrorLines(error: ConfigError, dotEnvFound: boolean): string[] {
  const hint = 'no .env file in this directory: create it with `cp .env.example .env` and fill it in';
  return !dotEnvFound && error.missing.length > 0 ? [hint, ...error.problems] : error.problems;
}

/** Proxy URLs may carry a password: problems name the variable actually read, never its value. */
function proxyProblems(proxy: ReturnType<typeof proxyEnvironment>): string[] {
  const problems: string[] = [];
  for (const key of ['httpsProxy', 'httpProxy'] as const) {
    const raw = proxy[key];
    if (raw !== undefined && parseProxyUrl(raw) === null)
      problems.push(
        `${proxy.names[key]}: expected the proxy as http://host:port or https://host:port (user:password@ allowed)`,
      );
  }
  const entries = (proxy.noProxy ?? '').split(/[,\s]+/).filter(Boolean);
  const { invalid } = parseNoProxy(proxy.noProxy);
  if (invalid.length > 0) {
    const positions = invalid.map((bad) => entries.indexOf(bad) + 1).join(', ');
    problems.push(
      `${proxy.names.noProxy}: entry ${positions} is not a host name, .domain, host:port, IP address, CIDR range or *`,
    );
  }
  return problems;
}

/** The directory's problems name their variables in the text; lead with the first one, like every other line. */
function prefixWithVariable(problem: string): string {
  const variable = problem.match(/\b(CYBOZU_[A-Z_]+)\b/)?.[1] ?? 'CYBOZU_API_TOKEN';
  return problem.startsWith(variable) ? problem.replace(`${variable} `, `${variable}: `) : `${variable}: ${problem}`;
}

function dedupe(lines: string[]): string[] {
  return [...new Set(lines)];
}

function deepFreeze<T>(value: T): T {
  // Buffers (the secret key) cannot be frozen; they are never handed out for writing anyway.
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
