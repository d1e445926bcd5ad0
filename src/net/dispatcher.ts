// undici's side of the proxy decision: fetch (cybozu.com, OpenID Connect, Bolt's auth.test, apps.connections.open)
// and the Socket Mode WebSocket are sent through this dispatcher, which asks proxyFor() per request.

import { Agent, Dispatcher, ProxyAgent, fetch as undiciFetch } from 'undici';
import { proxyFor, type ProxySettings } from './proxy.js';

export class ProxyRoutingDispatcher extends Dispatcher {
  private readonly direct = new Agent();
  private readonly proxies = new Map<string, ProxyAgent>();

  constructor(private readonly settings: ProxySettings) {
    super();
  }

  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    const proxy = options.origin === undefined ? null : proxyFor(this.settings, new URL(String(options.origin)));
    return (proxy ? this.viaProxy(proxy) : this.direct).dispatch(options, handler);
  }

  override close(): Promise<void>;
  override close(callback: () => void): void;
  override close(callback?: () => void): Promise<void> | void {
    const closing = Promise.all([this.direct.close(), ...[...this.proxies.values()].map((p) => p.close())]).then(
      () => undefined,
    );
    if (!callback) return closing;
    void closing.then(callback);
  }

  override destroy(err: Error | null, callback: () => void): void;
  override destroy(callback: () => void): void;
  override destroy(err: Error | null): Promise<void>;
  override destroy(): Promise<void>;
  override destroy(errOrCallback?: Error | null | (() => void), callback?: () => void): Promise<void> | void {
    const err = typeof errOrCallback === 'function' ? null : (errOrCallback ?? null);
    const done = typeof errOrCallback === 'function' ? errOrCallback : callback;
    const destroying = Promise.all([
      this.direct.destroy(err),
      ...[...this.proxies.values()].map((p) => p.destroy(err)),
    ]).then(() => undefined);
    if (!done) return destroying;
    void destroying.then(done);
  }

  private viaProxy(proxy: URL): ProxyAgent {
    let agent = this.proxies.get(proxy.href);
    // Credentials in the proxy URL become Proxy-Authorization (undici reads them from the URL).
    if (!agent) {
      agent = new ProxyAgent({ uri: proxy.href });
      this.proxies.set(proxy.href, agent);
    }
    return agent;
  }
}

/** A WHATWG fetch that sends through the dispatcher (undici's own fetch: the dispatcher must be of its version). */
export function fetchThrough(dispatcher: Dispatcher): typeof fetch {
  return ((input: string | URL, init?: RequestInit) =>
    undiciFetch(input, { ...(init as Parameters<typeof undiciFetch>[1]), dispatcher })) as unknown as typeof fetch;
}
