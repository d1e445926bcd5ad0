// node:http(s) agents for the lean Slack Web API client: direct, or through a proxy (CONNECT tunnel for https://,
// absolute-form requests for http://). Keep-alive pools are kept per route, so a proxied connection is reused too.

import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import { bareHost, describeProxy, proxyFor, type ProxySettings } from './proxy.js';

/** How one request is sent: with which agent, and (forward proxy) which request line and extra headers. */
export interface HttpRoute {
  agent: http.Agent;
  transport: typeof http | typeof https;
  /** Absolute-form request target for a forward proxy (`http://host:port/path`). */
  path?: string;
  headers?: Record<string, string>;
}

export interface HttpRoutes {
  route(target: URL): HttpRoute;
  destroy(): void;
}

export interface HttpRoutesOptions {
  keepAlive: boolean;
  maxSockets: number;
  /** How long opening a tunnel through the proxy may take. */
  connectTimeoutMs: number;
  /** Extra TLS options for connections to targets (tests: a private CA). */
  tls?: tls.ConnectionOptions;
}

/** Routes by scheme and proxy decision; with no proxy configured this is one keep-alive agent per scheme. */
export function httpRoutes(settings: ProxySettings, options: HttpRoutesOptions): HttpRoutes {
  const agents = new Map<string, http.Agent>();
  const agentOptions = { keepAlive: options.keepAlive, maxSockets: options.maxSockets };
  const cached = (key: string, make: () => http.Agent) => {
    let agent = agents.get(key);
    if (!agent) {
      agent = make();
      agents.set(key, agent);
    }
    return agent;
  };
  return {
    route(target) {
      const secure = target.protocol === 'https:';
      const proxy = proxyFor(settings, target);
      if (!proxy) {
        return secure
          ? { transport: https, agent: cached('https', () => new https.Agent({ ...agentOptions, ...options.tls })) }
          : { transport: http, agent: cached('http', () => new http.Agent(agentOptions)) };
      }
      if (secure) {
        return {
          transport: https,
          agent: cached(
            `tunnel ${proxy.href}`,
            () => new TunnelAgent(proxy, options.connectTimeoutMs, { ...agentOptions, ...options.tls }),
          ),
        };
      }
      const authorization = proxyAuthorization(proxy);
      return {
        transport: http,
        agent: cached(`forward ${proxy.href}`, () => new ForwardAgent(proxy, agentOptions)),
        path: target.href,
        ...(authorization ? { headers: { 'proxy-authorization': authorization } } : {}),
      };
    },
    destroy() {
      for (const agent of agents.values()) agent.destroy();
    },
  };
}

/** `Basic …` from the proxy URL's user name and password, if it has them. */
export function proxyAuthorization(proxy: URL): string | undefined {
  if (!proxy.username && !proxy.password) return undefined;
  const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
  return `Basic ${Buffer.from(credentials).toString('base64')}`;
}

function proxyPort(proxy: URL): number {
  return Number(proxy.port) || (proxy.protocol === 'https:' ? 443 : 80);
}

/** Connects to the proxy itself (TLS when the proxy URL is https://); the request line carries the target. */
class ForwardAgent extends http.Agent {
  constructor(
    private readonly proxy: URL,
    options: http.AgentOptions,
  ) {
    super(options);
  }

  override createConnection(): Duplex {
    const host = bareHost(this.proxy.hostname);
    const port = proxyPort(this.proxy);
    return this.proxy.protocol === 'https:'
      ? tls.connect({ host, port, ...(net.isIP(host) ? {} : { servername: host }) })
      : net.connect({ host, port });
  }
}

/** https:// through the proxy: `CONNECT host:port`, then TLS to the target inside the tunnel. */
class TunnelAgent extends https.Agent {
  constructor(
    private readonly proxy: URL,
    private readonly connectTimeoutMs: number,
    options: https.AgentOptions,
  ) {
    super(options);
  }

  override createConnection(
    options: https.RequestOptions,
    callback?: (err: Error | null, stream: Duplex) => void,
  ): Duplex | null | undefined {
    const host = bareHost(String(options.hostname ?? options.host ?? 'localhost'));
    const port = Number(options.port) || 443;
    openTunnel(this.proxy, host, port, this.connectTimeoutMs).then(
      (socket) => {
        const { host: _host, port: _port, path: _path, ...rest } = options as Record<string, unknown>;
        const servername = (options as { servername?: string }).servername || (net.isIP(host) ? undefined : host);
        callback?.(
          null,
          tls.connect({ ...(rest as tls.ConnectionOptions), socket, ...(servername ? { servername } : {}) }),
        );
      },
      (error: Error) => callback?.(error, undefined as unknown as Duplex),
    );
    return undefined;
  }
}

/** Asks the proxy for a tunnel to host:port; rejects with an error naming the proxy (without credentials). */
export function openTunnel(proxy: URL, host: string, port: number, timeoutMs: number): Promise<Duplex> {
  const authority = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  const authorization = proxyAuthorization(proxy);
  const transport = proxy.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = transport.request({
      host: bareHost(proxy.hostname),
      port: proxyPort(proxy),
      method: 'CONNECT',
      path: authority,
      headers: { host: authority, ...(authorization ? { 'proxy-authorization': authorization } : {}) },
      agent: false,
      timeout: timeoutMs,
    });
    request.once('connect', (response, socket) => {
      if (response.statusCode === 200) {
        resolve(socket);
        return;
      }
      socket.destroy();
      reject(
        Object.assign(
          new Error(`the proxy ${describeProxy(proxy)} answered ${response.statusCode} to CONNECT ${authority}`),
          { code: 'EPROXY' },
        ),
      );
    });
    request.once('timeout', () =>
      request.destroy(
        Object.assign(
          new Error(`the proxy ${describeProxy(proxy)} did not open a tunnel to ${authority} within ${timeoutMs} ms`),
          { code: 'ETIMEDOUT' },
        ),
      ),
    );
    request.once('error', reject);
    request.end();
  });
}
