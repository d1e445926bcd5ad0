// Which outbound requests go through a proxy: HTTPS_PROXY / HTTP_PROXY / NO_PROXY, decided in one place for every
// transport (the lean Slack client's node:http agents, and undici for fetch and the Socket Mode WebSocket).

import { BlockList, isIP } from 'node:net';

/** The proxy environment as read at start (lower-case forms win over upper-case, as curl and undici do). */
export interface ProxyEnvironment {
  httpsProxy?: string | undefined;
  httpProxy?: string | undefined;
  noProxy?: string | undefined;
}

export interface ProxySettings {
  /** For https:// and wss:// targets; HTTP_PROXY when only that is set. */
  https: URL | null;
  /** For http:// and ws:// targets. */
  http: URL | null;
  noProxy: NoProxyRule[];
}

/**
 * One NO_PROXY entry. Hosts match themselves and their subdomains (`example.com`, `.example.com` and
 * `*.example.com` all mean the same); `host:port` only that port; IP literals exactly; CIDR ranges the IP literals
 * inside them (no DNS lookups); `*` everything. Loopback is not special: `localhost` and `127.0.0.1` go through the
 * proxy unless NO_PROXY names them.
 */
export type NoProxyRule =
  | { kind: 'all' }
  | { kind: 'host'; host: string; port: number | null }
  | { kind: 'range'; range: BlockList; port: number | null };

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'ws:': 80, 'https:': 443, 'wss:': 443 };

/** Picks the variables: `https_proxy` over `HTTPS_PROXY` (each only when not empty), and so on. */
export function proxyEnvironment(
  env: Record<string, string | undefined>,
): ProxyEnvironment & { names: Record<keyof ProxyEnvironment, string> } {
  const pick = (lower: string, upper: string): [string | undefined, string] => {
    const l = env[lower]?.trim();
    if (l) return [l, lower];
    return [env[upper]?.trim() || undefined, upper];
  };
  const [httpsProxy, httpsName] = pick('https_proxy', 'HTTPS_PROXY');
  const [httpProxy, httpName] = pick('http_proxy', 'HTTP_PROXY');
  const [noProxy, noName] = pick('no_proxy', 'NO_PROXY');
  return { httpsProxy, httpProxy, noProxy, names: { httpsProxy: httpsName, httpProxy: httpName, noProxy: noName } };
}

/** A proxy URL must be http:// or https:// with a host; its value is never echoed (it may hold a password). */
export function parseProxyUrl(raw: string): URL | null {
  let url: URL;
  try {
    // `proxy.corp:8080` without a scheme is common in the wild and means http://.
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`);
  } catch {
    return null;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') return null;
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') return null;
  return url;
}

/** Parses NO_PROXY; entries that cannot be understood are returned so the config can name them. */
export function parseNoProxy(raw: string | undefined): { rules: NoProxyRule[]; invalid: string[] } {
  const rules: NoProxyRule[] = [];
  const invalid: string[] = [];
  for (const entry of (raw ?? '').split(/[,\s]+/).filter(Boolean)) {
    const rule = parseNoProxyEntry(entry.toLowerCase());
    if (rule) rules.push(rule);
    else invalid.push(entry);
  }
  return { rules, invalid };
}

function parseNoProxyEntry(entry: string): NoProxyRule | null {
  if (entry === '*') return { kind: 'all' };
  let host = entry;
  let port: number | null = null;
  const bracketed = entry.match(/^\[([^\]]+)\](?::(\d+))?$/);
  if (bracketed) {
    host = bracketed[1]!;
    port = bracketed[2] ? Number(bracketed[2]) : null;
  } else if (isIP(entry) !== 6 && !entry.includes('/')) {
    const withPort = entry.match(/^(.+):(\d+)$/);
    if (withPort) {
      host = withPort[1]!;
      port = Number(withPort[2]);
    }
  }
  if (port !== null && (port < 1 || port > 65535)) return null;
  const cidr = host.match(/^(.+)\/(\d{1,3})$/);
  if (cidr) {
    const family = isIP(cidr[1]!);
    const bits = Number(cidr[2]);
    if (family === 0 || bits > (family === 4 ? 32 : 128)) return null;
    const range = new BlockList();
    range.addSubnet(cidr[1]!, bits, family === 4 ? 'ipv4' : 'ipv6');
    return { kind: 'range', range, port };
  }
  host = host.replace(/^\*?\./, '');
  if (isIP(host) === 0 && !/^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/.test(host)) return null;
  return { kind: 'host', host, port };
}

export function proxySettings(env: ProxyEnvironment): ProxySettings {
  const http = env.httpProxy ? parseProxyUrl(env.httpProxy) : null;
  const https = env.httpsProxy ? parseProxyUrl(env.httpsProxy) : http;
  return { https, http, noProxy: parseNoProxy(env.noProxy).rules };
}

/** True when some request may go through a proxy at all. */
export function anyProxy(settings: ProxySettings): boolean {
  return settings.https !== null || settings.http !== null;
}

/** The proxy a request to `target` goes through, or null for a direct connection. */
export function proxyFor(settings: ProxySettings, target: URL): URL | null {
  const secure = target.protocol === 'https:' || target.protocol === 'wss:';
  const proxy = secure ? settings.https : settings.http;
  if (!proxy) return null;
  const host = bareHost(target.hostname).toLowerCase();
  const port = Number(target.port) || DEFAULT_PORTS[target.protocol] || 0;
  return settings.noProxy.some((rule) => bypasses(rule, host, port)) ? null : proxy;
}

function bypasses(rule: NoProxyRule, host: string, port: number): boolean {
  if (rule.kind === 'all') return true;
  if (rule.port !== null && rule.port !== port) return false;
  if (rule.kind === 'range') {
    const family = isIP(host);
    return family !== 0 && rule.range.check(host, family === 4 ? 'ipv4' : 'ipv6');
  }
  if (isIP(host) !== 0 || isIP(rule.host) !== 0) return sameAddress(host, rule.host);
  return host === rule.host || host.endsWith(`.${rule.host}`);
}

function sameAddress(a: string, b: string): boolean {
  if (isIP(a) !== isIP(b)) return false;
  if (isIP(a) === 4) return a === b;
  // IPv6: compare the canonical forms (::1 and 0:0:0:0:0:0:0:1 are the same host).
  return new URL(`http://[${a}]/`).hostname === new URL(`http://[${b}]/`).hostname;
}

/** `[::1]` → `::1` (URL keeps the brackets of IPv6 hosts; sockets and BlockList want them off). */
export function bareHost(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

/** host:port of a proxy for logs and error lines: never its user name or password. */
export function describeProxy(proxy: URL): string {
  return `${proxy.protocol}//${proxy.host}`;
}

/** The default port spelled out, so `slack.com:443` and `127.0.0.1:8080` read the same way in logs. */
export function hostAndPort(target: URL): string {
  const port = Number(target.port) || DEFAULT_PORTS[target.protocol] || 0;
  return `${target.hostname}:${port}`;
}
