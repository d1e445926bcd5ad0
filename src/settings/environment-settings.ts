/**
 * How this tenant's cybozu.com is configured (common administration → セキュリティ → ログイン): lockout, password
 * policy, who may change or reset a password, SAML, the login-failure message. The app cannot read these from
 * cybozu (no API), so its admins keep a copy here; everything the app tells people follows it.
 * Rule: what a tenant's admins tune at run time lives in this record; env defaults apply until it is first saved.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { buildOnce, type Db, type Writer } from '../../db/client.js';
import { environmentSettings } from '../../db/schema.js';
import { audit } from '../reports/audit.js';

/** Character kinds a password policy can require. `mixed_case` = upper and lower case letters. */
export const PASSWORD_KINDS = ['letters', 'digits', 'symbols', 'mixed_case'] as const;
export type PasswordKind = (typeof PASSWORD_KINDS)[number];

/** cybozu.com's limit on a password's length. */
export const MAX_PASSWORD_LENGTH = 64;
/** Upper bounds we accept; cybozu offers fixed choices below these (the exact lists are unconfirmed). */
export const MAX_LOCKOUT_FAILURES = 100;
export const MAX_LOCKOUT_MINUTES = 24 * 60;
export const MAX_LOGIN_FAILURE_MESSAGE = 1000;

/** Bounds of the self-service settings (issue 15). */
export const MAX_SELF_SERVICE_COOLDOWN_HOURS = 24 * 30;
export const MAX_SIGN_IN_FRESHNESS_MINUTES = 30;

/**
 * Self-service (issue 15): which remedies a verified reporter may run on their own account, how long an account
 * rests after one, and how fresh the single sign-on must be. Off by default.
 */
export const selfServiceSettingsSchema = z.strictObject({
  /** The reporter may set a temporary password for their own account (remedy reset_password). */
  resetPassword: z.boolean(),
  /** The reporter may release their own lockout (remedy unlock; done by setting a new password). */
  unlock: z.boolean(),
  /** No second self-service fix of the same account within this many hours. */
  cooldownHours: z.int().min(1).max(MAX_SELF_SERVICE_COOLDOWN_HOURS),
  /** The sign-in must have happened at most this many minutes before it comes back (`max_age`, `auth_time`). */
  signInFreshnessMinutes: z.int().min(1).max(MAX_SIGN_IN_FRESHNESS_MINUTES),
});
export type SelfServiceSettings = z.infer<typeof selfServiceSettingsSchema>;
export const SELF_SERVICE_DEFAULTS: SelfServiceSettings = {
  resetPassword: false,
  unlock: false,
  cooldownHours: 24,
  signInFreshnessMinutes: 5,
};

export const environmentSettingsSchema = z.strictObject({
  lockout: z.strictObject({
    enabled: z.boolean(),
    /** Failed attempts (wrong two-factor codes count too) before the account locks. */
    failures: z.int().min(1).max(MAX_LOCKOUT_FAILURES),
    /** null: 解除しない — never released by time; an admin unlocks by setting a new password. */
    unlockAfterMinutes: z.int().min(1).max(MAX_LOCKOUT_MINUTES).nullable(),
  }),
  password: z.strictObject({
    minLength: z.int().min(1).max(MAX_PASSWORD_LENGTH),
    kinds: z.array(z.enum(PASSWORD_KINDS)),
    /** The password may not equal the login name. */
    notLoginName: z.boolean(),
  }),
  /** パスワードの変更をユーザーに許可する */
  usersMayChangePassword: z.boolean(),
  /** 管理者が設定した仮パスワードの変更をユーザーに要求する */
  mustChangeTemporaryPassword: z.boolean(),
  /** パスワードのリセットをユーザーに許可する (the 「ログインでお困りですか?」 e-mail flow) */
  selfReset: z.boolean(),
  saml: z.strictObject({
    required: z.boolean(),
    /** With SAML required, whether password login stays open to common administrators (`/login?saml=off`). */
    passwordLoginForAdmins: z.boolean(),
  }),
  /** ログイン失敗時に表示するメッセージ, as set in cybozu (empty: none). */
  loginFailureMessage: z.string().max(MAX_LOGIN_FAILURE_MESSAGE),
  /** Absent in rows saved before issue 15: off. */
  selfService: selfServiceSettingsSchema.default(SELF_SERVICE_DEFAULTS),
});
export type EnvironmentSettings = z.infer<typeof environmentSettingsSchema>;

/** cybozu.com's own defaults (docs: cybozu.md, "Login policy defaults"). */
export const CYBOZU_DEFAULTS: EnvironmentSettings = {
  lockout: { enabled: true, failures: 10, unlockAfterMinutes: 3 },
  password: { minLength: 8, kinds: ['letters', 'digits'], notLoginName: true },
  usersMayChangePassword: true,
  mustChangeTemporaryPassword: true,
  selfReset: true,
  saml: { required: false, passwordLoginForAdmins: true },
  loginFailureMessage: '',
  selfService: SELF_SERVICE_DEFAULTS,
};

/** Minutes until a lockout ends by itself; null when it never does (or there is no lockout). */
export function timedUnlockMinutes(s: EnvironmentSettings): number | null {
  return s.lockout.enabled ? s.lockout.unlockAfterMinutes : null;
}

/**
 * Whether cybozu asks for a new password at the next login after an admin set one. Only while users may change
 * their password AND the temporary one must be changed (cybozu.md, "More facts").
 */
export function forcesChangeAtNextLogin(s: EnvironmentSettings): boolean {
  return s.usersMayChangePassword && s.mustChangeTemporaryPassword;
}

/** What happens to a password an admin sets, as the reporter and the admin are told. */
export type TemporaryPasswordFate = 'changed_at_login' | 'change_yourself' | 'permanent';
export function temporaryPasswordFate(s: EnvironmentSettings): TemporaryPasswordFate {
  if (forcesChangeAtNextLogin(s)) return 'changed_at_login';
  return s.usersMayChangePassword ? 'change_yourself' : 'permanent';
}

// Read by nearly every request (the advice follows it): built once (see buildOnce).
const settingsRow = buildOnce((w: Writer) =>
  w.select().from(environmentSettings).where(eq(environmentSettings.id, 1)).prepare(),
);

/** The single settings row, audited on every change. */
export class EnvironmentSettingsStore {
  constructor(
    private readonly db: Db,
    private readonly envDefaults: EnvironmentSettings = CYBOZU_DEFAULTS,
  ) {}

  /** The saved settings, or the env defaults until an admin first saves. */
  get(): EnvironmentSettings {
    const row = settingsRow(this.db).get();
    if (!row) return this.envDefaults;
    // A row this version cannot read (written by a newer one) falls back to the defaults rather than stopping the app.
    const parsed = environmentSettingsSchema.safeParse(safeJson(row.settings));
    return parsed.success ? parsed.data : this.envDefaults;
  }

  /** Whether an admin has saved the settings (env defaults no longer apply). */
  isSaved(): boolean {
    return (
      this.db
        .select({ id: environmentSettings.id })
        .from(environmentSettings)
        .where(eq(environmentSettings.id, 1))
        .get() !== undefined
    );
  }

  /** `auditType` names a change made by a dedicated control (the self-service kill switch). */
  save(settings: EnvironmentSettings, by: string, now: number, auditType = 'settings.environment.changed'): void {
    const valid = environmentSettingsSchema.parse(settings);
    this.db.transaction((tx) => {
      const before = this.get();
      const json = JSON.stringify(valid);
      tx.insert(environmentSettings)
        .values({ id: 1, settings: json, updatedBy: by, updatedAt: now })
        .onConflictDoUpdate({ target: environmentSettings.id, set: { settings: json, updatedBy: by, updatedAt: now } })
        .run();
      audit(tx, { type: auditType, actorSlackId: by, data: { before, after: valid }, now });
    });
  }

  /** The kill switch: self-service off for every remedy at once, audited; the next click already finds it off. */
  stopSelfService(by: string, now: number): void {
    const current = this.get();
    this.save(
      { ...current, selfService: { ...current.selfService, resetPassword: false, unlock: false } },
      by,
      now,
      'settings.self_service.stopped',
    );
  }
}

/** Whether self-service is switched on for this remedy (the remedies it exists for: reset_password, unlock). */
export function selfServiceEnabledFor(s: EnvironmentSettings, remedy: string): boolean {
  if (remedy === 'reset_password') return s.selfService.resetPassword;
  if (remedy === 'unlock') return s.selfService.unlock;
  return false;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
