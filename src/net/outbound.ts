// Everything the app sends out, routed the same way: built once from the proxy settings and handed to each client.

import type { Dispatcher } from 'undici';
import { ProxyRoutingDispatcher, fetchThrough } from './dispatcher.js';
import { httpRoutes, type HttpRoutes, type HttpRoutesOptions } from './http-agents.js';
import {
  anyProxy,
  describeProxy,
  proxyFor,
  proxySettings,
  type ProxyEnvironment,
  type ProxySettings,
} from './proxy.js';

export class Outbound {
  readonly settings: ProxySettings;
  /** For undici clients (the Socket Mode WebSocket); undefined without a proxy, so libraries keep their defaults. */
  readonly dispatcher: Dispatcher | undefined;
  /** fetch for cybozu.com, the OpenID provider and Bolt's auth.test; the global fetch when no proxy is set. */
  readonly fetch: typeof fetch;

  constructor(env: ProxyEnvironment) {
    this.settings = proxySettings(env);
    const dispatcher = anyProxy(this.settings) ? new ProxyRoutingDispatcher(this.settings) : undefined;
    this.dispatcher = dispatcher;
    this.fetch = dispatcher ? fetchThrough(dispatcher) : globalThis.fetch;
  }

  get proxied(): boolean {
    return this.dispatcher !== undefined;
  }

  /** node:http(s) agents for the lean Slack client. */
  httpRoutes(options: HttpRoutesOptions): HttpRoutes {
    return httpRoutes(this.settings, options);
  }

  /** The proxy a request to `target` goes through (for error lines), or null when it goes direct. */
  proxyFor(target: URL): URL | null {
    return proxyFor(this.settings, target);
  }

  /** For the start-up log line: where requests go, without credentials. */
  describe(noProxy: string | undefined): Record<string, string> {
    return {
      https: this.settings.https ? describeProxy(this.settings.https) : 'direct',
      http: this.settings.http ? describeProxy(this.settings.http) : 'direct',
      noProxy: noProxy ?? '',
    };
  }

  /** At shutdown, after everything else stopped: drops the pooled connections. */
  async close(): Promise<void> {
    await this.dispatcher?.destroy();
  }
}
