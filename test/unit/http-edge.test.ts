import { describe, expect, it } from 'vitest';
import { normaliseTarget } from '../../src/http-edge.js';

describe('normaliseTarget: one spelling per path, routed after normalising', () => {
  it('reads every spelling of /slack/events as /slack/events, keeping the query', () => {
    for (const target of [
      '/slack/events',
      '/slack/events/',
      '//slack/events',
      '/slack//events',
      '/slack/./events',
      '/slack/%2e/events',
      '/slack/%2E/events',
      '/x/../slack/events',
      '/../slack/events',
      '/slack/events#f',
      '/slack/events/#f?no',
    ]) {
      expect(normaliseTarget(target), target).toEqual({ path: '/slack/events', query: '' });
    }
    expect(normaliseTarget('/slack/events?ssl_check=1')).toEqual({ path: '/slack/events', query: '?ssl_check=1' });
    expect(normaliseTarget('/oidc/callback/?code=a/../b&state=s')).toEqual({
      path: '/oidc/callback',
      query: '?code=a/../b&state=s',
    });
  });

  it('keeps other percent-escapes as sent, so an encoded slash or a NUL is another path', () => {
    expect(normaliseTarget('/slack%2Fevents')?.path).toBe('/slack%2Fevents');
    expect(normaliseTarget('/healthz%00')?.path).toBe('/healthz%00');
    expect(normaliseTarget('/%2e%2e/healthz')?.path).toBe('/healthz');
  });

  it('has a root, and refuses what is not a path', () => {
    expect(normaliseTarget('/')).toEqual({ path: '/', query: '' });
    expect(normaliseTarget('//')).toEqual({ path: '/', query: '' });
    expect(normaliseTarget('/..')).toEqual({ path: '/', query: '' });
    for (const target of ['*', 'http://evil.example/slack/events', '', undefined, 'slack/events'])
      expect(normaliseTarget(target), String(target)).toBeNull();
  });
});
