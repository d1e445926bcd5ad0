// The directory as the app uses it, watching its own writes: a write refused for lack of privilege (CB_NO02)
// becomes a standing warning for the admins until a write succeeds, and the write capability is checked at most
// once a minute (start-up, /healthz, App Home and `diagnose` share the answer).

import type { DirectoryService } from './from-config.js';
import type { EnvironmentCheck } from './environment-check.js';
import type { DirectoryUser, ServiceName } from './port.js';
import { TtlCache } from './ttl-cache.js';
import {
  checkWriteCapability,
  isPrivilegeRefusal,
  type AuthAccount,
  type WriteCapability,
  type WriteRefusals,
} from './write-capability.js';

/** How long one write-capability answer stands (a groups read for password auth). */
export const WRITE_CAPABILITY_TTL_MS = 60_000;

export interface WriteWatchOptions {
  refusals: WriteRefusals;
  now: () => number;
  /** Told once per refusal that starts a warning (no secrets: auth method and cybozu's error id). */
  onRefused?: (p: { auth: AuthAccount['kind']; cybozuErrorId: string | null }) => void;
}

export class WriteWatchedDirectory implements DirectoryService {
  private readonly capability: TtlCache<WriteCapability>;

  constructor(
    private readonly inner: DirectoryService,
    private readonly options: WriteWatchOptions,
  ) {
    this.capability = new TtlCache(WRITE_CAPABILITY_TTL_MS, options.now);
  }

  get baseUrl(): URL {
    return this.inner.baseUrl;
  }

  get authAccount(): AuthAccount | undefined {
    return this.inner.authAccount;
  }

  findByLoginName(loginName: string): Promise<DirectoryUser | null> {
    return this.inner.findByLoginName(loginName);
  }

  findByEmail(email: string): Promise<DirectoryUser[]> {
    return this.inner.findByEmail(email);
  }

  services(loginName: string): Promise<ServiceName[]> {
    return this.inner.services(loginName);
  }

  isAdministrator(loginName: string): Promise<boolean> {
    return this.inner.isAdministrator(loginName);
  }

  environmentCheck(): Promise<EnvironmentCheck[]> {
    return this.inner.environmentCheck();
  }

  setPassword(loginName: string, password: string): Promise<void> {
    return this.watched(() => this.inner.setPassword(loginName, password));
  }

  resume(loginName: string): Promise<void> {
    return this.watched(() => this.inner.resume(loginName));
  }

  suspend(loginName: string): Promise<void> {
    return this.watched(() => this.inner.suspend(loginName));
  }

  assignService(loginName: string, service: ServiceName): Promise<void> {
    return this.watched(() => this.inner.assignService(loginName, service));
  }

  /** Can these credentials change users? Never throws: a failed check is the verdict `unknown`. */
  writeCapability(): Promise<WriteCapability> {
    return this.capability.get(() =>
      checkWriteCapability({
        account: this.authAccount,
        isAdministrator: (login) => this.inner.isAdministrator(login),
        refusals: this.options.refusals,
      }),
    );
  }

  private async watched(write: () => Promise<void>): Promise<void> {
    const auth = this.authAccount?.kind;
    try {
      await write();
    } catch (error) {
      if (auth && isPrivilegeRefusal(error)) {
        const cybozuErrorId = (error as { cybozuErrorId?: string }).cybozuErrorId ?? null;
        const first = this.options.refusals.current(auth) === null;
        this.options.refusals.record(auth, { now: this.options.now(), cybozuErrorId });
        this.capability.invalidate();
        if (first) this.options.onRefused?.({ auth, cybozuErrorId });
      }
      throw error;
    }
    if (auth && this.options.refusals.current(auth) !== null) {
      this.options.refusals.clear(auth);
      this.capability.invalidate();
    }
  }
}
