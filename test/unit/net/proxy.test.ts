import { describe, expect, it } from 'vitest';
import { parseNoProxy, parseProxyUrl, proxyEnvironment, proxyFor, proxySettings } from '../../../src/net/proxy.js';

const via = (env: Parameters<typeof proxySettings>[0], target: string) =>
  proxyFor(proxySettings(env), new URL(target))?.host ?? 'direct';

describe('which requests go through the proxy', () => {
  it('sends https:// and wss:// to HTTPS_PROXY and http:// to HTTP_PROXY; https falls back to HTTP_PROXY when it is the only one', () => {
    const both = { httpsProxy: 'http://secure.proxy:3128', httpProxy: 'http://plain.proxy:8080' };
    expect(via(both, 'https://slack.com/api/auth.test')).toBe('secure.proxy:3128');
    expect(via(both, 'wss://wss-primary.slack.com/link')).toBe('secure.proxy:3128');
    expect(via(both, 'http://intranet.example/')).toBe('plain.proxy:8080');
    expect(via({ httpProxy: 'http://plain.proxy:8080' }, 'https://example.cybozu.com/v1/users.json')).toBe(
      'plain.proxy:8080',
    );
    expect(via({ httpsProxy: 'http://secure.proxy:3128' }, 'http://intranet.example/')).toBe('direct');
    expect(via({}, 'https://slack.com/')).toBe('direct');
  });

  it('honours NO_PROXY: domains with their subdomains, host:port, IPs, CIDR ranges and *', () => {
    const env = (noProxy: string) => ({ httpsProxy: 'http://p:1', httpProxy: 'http://p:1', noProxy });
    expect(via(env('cybozu.com'), 'https://example.cybozu.com/')).toBe('direct');
    expect(via(env('cybozu.com'), 'https://cybozu.com/')).toBe('direct');
    expect(via(env('cybozu.com'), 'https://notcybozu.com/')).toBe('p:1');
    expect(via(env('.cybozu.com'), 'https://example.cybozu.com/')).toBe('direct');
    expect(via(env('*.cybozu.com'), 'https://example.cybozu.com/')).toBe('direct');
    expect(via(env('Example.Cybozu.COM'), 'https://example.cybozu.com/')).toBe('direct');
    // host:port matches that port only (default ports spelled out)
    expect(via(env('127.0.0.1:4000'), 'http://127.0.0.1:4000/api/')).toBe('direct');
    expect(via(env('127.0.0.1:4000'), 'http://127.0.0.1:4001/api/')).toBe('p:1');
    expect(via(env('slack.com:443'), 'https://slack.com/api/')).toBe('direct');
    expect(via(env('slack.com:80'), 'https://slack.com/api/')).toBe('p:1');
    expect(via(env('10.0.0.0/8'), 'https://10.20.30.40/')).toBe('direct');
    expect(via(env('10.0.0.0/8'), 'https://11.0.0.1/')).toBe('p:1');
    expect(via(env('::1'), 'http://[::1]:8080/')).toBe('direct');
    expect(via(env('[::1]:8080'), 'http://[::1]:8080/')).toBe('direct');
    expect(via(env('[::1]:8080'), 'http://[::1]:9090/')).toBe('p:1');
    expect(via(env('fd00::/8'), 'https://[fd00::5]/')).toBe('direct');
    expect(via(env('*'), 'https://slack.com/')).toBe('direct');
    expect(via(env('a.example, b.example\tslack.com'), 'https://slack.com/')).toBe('direct');
  });

  it('does not bypass loopback on its own: 127.0.0.1 and localhost go through the proxy unless NO_PROXY names them', () => {
    const env = { httpsProxy: 'http://p:1', httpProxy: 'http://p:1' };
    expect(via(env, 'http://127.0.0.1:4000/')).toBe('p:1');
    expect(via(env, 'http://localhost:4000/')).toBe('p:1');
    expect(via({ ...env, noProxy: 'localhost,127.0.0.1' }, 'http://127.0.0.1:4000/')).toBe('direct');
  });

  it('reads the lower-case variables first, each only when it is not empty', () => {
    expect(proxyEnvironment({ https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:1' })).toMatchObject({
      httpsProxy: 'http://lower:1',
      names: { httpsProxy: 'https_proxy' },
    });
    expect(proxyEnvironment({ https_proxy: '', HTTPS_PROXY: 'http://upper:1' })).toMatchObject({
      httpsProxy: 'http://upper:1',
      names: { httpsProxy: 'HTTPS_PROXY' },
    });
    expect(proxyEnvironment({ no_proxy: 'a.example', NO_PROXY: 'b.example', http_proxy: 'http://h:2' })).toMatchObject({
      noProxy: 'a.example',
      httpProxy: 'http://h:2',
    });
    expect(proxyEnvironment({})).toMatchObject({ httpsProxy: undefined, httpProxy: undefined, noProxy: undefined });
  });

  it('accepts http(s) proxy URLs (a bare host:port means http://) and refuses the rest', () => {
    expect(parseProxyUrl('http://user:p%40ss@proxy.corp:8080')?.host).toBe('proxy.corp:8080');
    expect(parseProxyUrl('https://proxy.corp')?.protocol).toBe('https:');
    expect(parseProxyUrl('proxy.corp:3128')?.href).toBe('http://proxy.corp:3128/');
    for (const bad of ['socks5://proxy:1080', 'http://', 'not a url at all', 'http://proxy:8080/path'])
      expect(parseProxyUrl(bad), bad).toBeNull();
    expect(parseNoProxy('ok.example, bad/entry, 10.0.0.0/33, host:99999, *').invalid).toEqual([
      'bad/entry',
      '10.0.0.0/33',
      'host:99999',
    ]);
  });
});
