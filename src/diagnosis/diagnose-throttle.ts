/**
 * Per-user limit on `diagnose`: each run asks cybozu.com several questions, so one person (or a script) may run
 * it `perMinute` times in any rolling minute. Kept in memory: a restart forgets it, which costs at most one more
 * minute's allowance, and nothing about it needs to outlive the process.
 */
export class DiagnoseThrottle {
  private readonly runs = new Map<string, number[]>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number,
    /** Past this many users remembered, those with no run in the last minute are forgotten. */
    private readonly maxUsers = 10_000,
  ) {}

  /** Counts a run if the user has one left this minute; otherwise says when the next one is allowed. */
  admit(userId: string): { ok: true } | { ok: false; retryInSeconds: number } {
    const now = this.now();
    const recent = (this.runs.get(userId) ?? []).filter((at) => at > now - WINDOW_MS);
    if (recent.length >= this.perMinute) {
      this.runs.set(userId, recent);
      return { ok: false, retryInSeconds: Math.max(1, Math.ceil((recent[0]! + WINDOW_MS - now) / 1000)) };
    }
    recent.push(now);
    this.runs.set(userId, recent);
    if (this.runs.size > this.maxUsers) this.forgetIdle(now);
    return { ok: true };
  }

  private forgetIdle(now: number): void {
    for (const [userId, runs] of this.runs) if (runs.every((at) => at <= now - WINDOW_MS)) this.runs.delete(userId);
  }
}

const WINDOW_MS = 60_000;
