import { describe, expect, it } from 'vitest';
import { TtlCache } from '../../../src/directory/ttl-cache.js';

describe('TtlCache', () => {
  it('does not keep a value whose load was overtaken by invalidate()', async () => {
    const cache = new TtlCache<number>(60_000, () => 0);
    let release: (value: number) => void = () => undefined;
    const first = cache.get(() => new Promise<number>((resolve) => (release = resolve)));
    cache.invalidate();
    release(1);
    expect(await first).toBe(1);
    expect(await cache.get(async () => 2)).toBe(2);
  });

  it('forgets a failed load so the next call tries again', async () => {
    const cache = new TtlCache<number>(60_000, () => 0);
    await expect(cache.get(async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get(async () => 3)).toBe(3);
  });
});
