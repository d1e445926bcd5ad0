// A Directory for when cybozu.com is not configured: the app still starts, and every use says
// why it cannot work instead of failing somewhere less clear.

import { DirectoryNotConfiguredError } from './errors.js';
import type { Directory, DirectoryUser, ServiceName } from './port.js';

export class UnconfiguredDirectory implements Directory {
  constructor(private readonly problems: string[]) {}

  private fail(): Promise<never> {
    return Promise.reject(new DirectoryNotConfiguredError(this.problems));
  }

  findByLoginName(): Promise<DirectoryUser | null> {
    return this.fail();
  }
  findByEmail(): Promise<DirectoryUser[]> {
    return this.fail();
  }
  services(): Promise<ServiceName[]> {
    return this.fail();
  }
  isAdministrator(): Promise<boolean> {
    return this.fail();
  }
  setPassword(): Promise<void> {
    return this.fail();
  }
  resume(): Promise<void> {
    return this.fail();
  }
  suspend(): Promise<void> {
    return this.fail();
  }
  assignService(): Promise<void> {
    return this.fail();
  }
}
