// A short-lived cache of one expensive value (the whole user list), with a TTL on an injected
// clock. Concurrent callers share one load; invalidate() also discards a load in flight.

export class TtlCache<T> {
  private value: { data: T; loadedAt: number } | null = null;
  private pending: Promise<T> | null = null;
  private generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  async get(load: () => Promise<T>): Promise<T> {
    if (this.value && this.now() - this.value.loadedAt < this.ttlMs) return this.value.data;
    if (this.pending) return this.pending;
    const generation = this.generation;
    const pending = load().then((data) => {
      // A write while we were loading makes this list stale: hand it to the callers, do not keep it.
      if (generation === this.generation) this.value = { data, loadedAt: this.now() };
      return data;
    });
    this.pending = pending;
    try {
      return await pending;
    } finally {
      if (this.pending === pending) this.pending = null;
    }
  }

  invalidate(): void {
    this.generation++;
    this.value = null;
    this.pending = null;
  }
}
