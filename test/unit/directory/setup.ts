// Shared wiring for the directory tests: a client pointed at a FakeCybozu, and a closed port.

import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { CybozuUserApi, type CybozuUserApiOptions } from '../../../src/directory/cybozu-client.js';
import { FakeCybozu } from '../../helpers/fake-cybozu.js';

export const TOKEN = 'cy.s.api1.test-token-do-not-log';
export const ADMIN_LOGIN = 'bot-admin';
export const ADMIN_PASSWORD = 'S3cret-admin-pass';
export const BASIC = 'proxyuser:proxy-S3cret';

/** Records every log line, so tests can assert that no secret is ever logged. */
export function recordingLog(): {
  lines: { level: string; obj: object; msg: string }[];
  warn: (o: object, m: string) => void;
  debug: (o: object, m: string) => void;
} {
  const lines: { level: string; obj: object; msg: string }[] = [];
  return {
    lines,
    warn: (obj, msg) => lines.push({ level: 'warn', obj, msg }),
    debug: (obj, msg) => lines.push({ level: 'debug', obj, msg }),
  };
}

export async function startFake(
  credentials: ConstructorParameters<typeof FakeCybozu>[0] = { token: TOKEN },
): Promise<FakeCybozu> {
  return new FakeCybozu(credentials).start();
}

/** A token client on the fake, with instant retries unless overridden. */
export function apiFor(fake: FakeCybozu, overrides: Partial<CybozuUserApiOptions> = {}): CybozuUserApi {
  return new CybozuUserApi({
    baseUrl: new URL(fake.url),
    auth: { kind: 'token', token: TOKEN },
    timeoutMs: 2000,
    sleep: async () => undefined,
    ...overrides,
  });
}

/** A 127.0.0.1 URL where nothing listens (the port was just released). */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
