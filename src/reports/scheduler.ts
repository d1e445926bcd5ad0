import type { Db } from '../../db/client.js';
import type { Logger } from '../logger.js';
import { dueTimers, fireTimer, pickUpQueued, type LifecycleContext } from './lifecycle.js';

/**
 * Fires due escalation timers, hands queued reports to whoever has come on duty, and runs the housekeeping. Each timer fires in its own
 * transaction that also claims it, so a restart (even kill -9) neither loses nor repeats an escalation.
 */
export class Scheduler {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    private readonly context: () => LifecycleContext,
    /** Clean-up that rides along each pass (expired secrets, old sign-in requests). */
    private readonly housekeeping: () => void,
    private readonly afterChanges: () => void,
    private readonly logger: Logger,
    private readonly pollMs: number,
  ) {}

  /** One pass; returns what happened (tests call it with a manual clock). */
  tick(): { fired: number; pickedUp: number[] } {
    let fired = 0;
    for (const timer of dueTimers(this.db, this.context().now)) {
      try {
        if (fireTimer(this.db, timer, this.context()) === 'fired') fired++;
      } catch (error) {
        this.logger.error({ timerId: timer.id, reportId: timer.reportId, err: (error as Error).message }, 'escalation timer failed; will retry');
      }
    }
    const pickedUp = pickUpQueued(this.db, this.context());
    this.housekeeping();
    if (fired > 0 || pickedUp.length > 0) {
      this.logger.info({ fired, pickedUp }, 'scheduler acted');
      this.afterChanges();
    }
    return { fired, pickedUp };
  }

  start(): void {
    const loop = () => {
      try {
        this.tick();
      } catch (error) {
        this.logger.error({ err: (error as Error).message }, 'scheduler pass failed');
      }
      this.timer = setTimeout(loop, this.pollMs);
      this.timer.unref();
    };
    loop();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
