// Opens (and closes) one connection to a host the way the app would — through the proxy when one applies, with TLS
// for https:// and wss:// — to say why a library that hides its network errors (undici's WebSocket) could not connect.

import net from 'node:net';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import { openTunnel } from './http-agents.js';
import { describeNetworkError } from './network-error.js';
import { bareHost, describeProxy } from './proxy.js';

/** null when a connection (and TLS handshake) to `target` succeeds, else what failed, e.g. `connect ECONNREFUSED …`. */
export async function probeConnection(target: URL, proxy: URL | null, timeoutMs: number): Promise<string | null> {
  const host = bareHost(target.hostname);
  const secure = target.protocol === 'https:' || target.protocol === 'wss:';
  const port = Number(target.port) || (secure ? 443 : 80);
  let socket: Duplex | undefined;
  try {
    socket = proxy
      ? await openTunnel(proxy, host, port, timeoutMs)
      : await connect(() => net.connect({ host, port }), 'connect', timeoutMs);
    if (secure) {
      const raw = socket;
      socket = await connect(
        () => tls.connect({ socket: raw, ...(net.isIP(host) ? {} : { servername: host }) }),
        'secureConnect',
        timeoutMs,
      );
    }
    return null;
  } catch (error) {
    const problem = describeNetworkError(error);
    return proxy && !problem.includes('the proxy') ? `${problem} (through the proxy ${describeProxy(proxy)})` : problem;
  } finally {
    socket?.destroy();
  }
}

function connect<T extends Duplex>(open: () => T, ready: string, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const socket = open();
    const timer = setTimeout(
      () => socket.destroy(Object.assign(new Error(`no connection within ${timeoutMs} ms`), { code: 'ETIMEDOUT' })),
      timeoutMs,
    );
    socket.once(ready, () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}
