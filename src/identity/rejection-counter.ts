/**
 * Counts requests that named nothing of ours (a callback with a missing or unknown `state`, a confirmation with an
 * unknown token). Anyone can send those, so they are not audited; a flood of them must not flood the log either:
 * `note` says when to write a warning (the first one, then at most one per interval, with the count since).
 */
export class RejectionCounter {
  private total = 0;
  private unreported = 0;
  private lastWarnAt: number | null = null;

  constructor(private readonly intervalMs = 60_000) {}

  note(now: number): { total: number; warn: number | null } {
    this.total++;
    this.unreported++;
    if (this.lastWarnAt !== null && now - this.lastWarnAt < this.intervalMs && now >= this.lastWarnAt)
      return { total: this.total, warn: null };
    const warn = this.unreported;
    this.unreported = 0;
    this.lastWarnAt = now;
    return { total: this.total, warn };
  }
}
