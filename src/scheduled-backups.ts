import type { Db } from '../db/client.js';
import { backupDatabase, listBackups, PAGES_PER_STEP_IN_APP, pruneBackups } from '../db/backup.js';
import type { Clock } from './clock.js';
import type { Logger } from './logger.js';

/** After a failed backup, the next try comes this soon (or at the regular interval, if that is sooner). */
const RETRY_AFTER_FAILURE_MS = 15 * 60_000;

/**
 * BACKUP_DIR / BACKUP_EVERY_HOURS / BACKUP_KEEP: the scheduler's pass asks `tick()`, which starts an online backup
 * when the newest one in the directory is older than the interval (so a restart neither repeats nor skips one),
 * then deletes all but the newest BACKUP_KEEP.
 */
export class ScheduledBackups {
  private lastAt: number | null;
  private running: Promise<void> | null = null;
  /** When the last backup succeeded (for /metrics); null until one did in this process's directory. */
  lastSuccessAt: number | null;
  failures = 0;

  constructor(
    private readonly db: Db,
    private readonly settings: { dir: string; everyMs: number; keep: number },
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {
    this.lastAt = listBackups(settings.dir)[0]?.takenAt ?? null;
    this.lastSuccessAt = this.lastAt;
  }

  /** Starts a backup if one is due and none is running. */
  tick(): void {
    const now = this.clock.now();
    if (this.running || this.db.$client.memory) return;
    if (this.lastAt !== null && now - this.lastAt < this.settings.everyMs && now >= this.lastAt) return;
    this.running = this.run(now).finally(() => (this.running = null));
  }

  /** Resolves when no backup is running (stop() waits for it before the database is closed). */
  async idle(): Promise<void> {
    await this.running;
  }

  private async run(now: number): Promise<void> {
    try {
      const { path, bytes } = await backupDatabase(this.db.$client, this.settings.dir, {
        now,
        pagesPerStep: PAGES_PER_STEP_IN_APP,
      });
      const pruned = pruneBackups(this.settings.dir, this.settings.keep);
      this.lastAt = now;
      this.lastSuccessAt = now;
      this.logger.info({ component: 'backup', file: path, bytes, pruned }, 'database backed up');
    } catch (error) {
      this.failures++;
      this.lastAt = now - this.settings.everyMs + Math.min(this.settings.everyMs, RETRY_AFTER_FAILURE_MS);
      this.logger.error(
        { component: 'backup', dir: this.settings.dir, err: (error as Error).message },
        'scheduled backup failed; will retry',
      );
    }
  }
}
