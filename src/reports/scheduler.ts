import type { Db } from '../../db/client.js';
import type { Logger } from '../logger.js';
import { flushDueAdminAlerts } from './admin-alerts.js';
import { pickUpQueued } from './assignment.js';
import { fireTimer } from './lifecycle.js';
import type { LifecycleContext } from './lifecycle-context.js';
import { dueTimers } from './timers.js';

/** Timers fired per pass: a pass is one synchronous stretch of work, kept short. */
const TIMERS_PER_PASS = 50;

/**
 * Fires due escalation timers, hands queued reports to whoever has come on duty, sends admins the coalesced DMs
 * about waiting reports whose interval has passed, and runs the housekeeping. Each timer fires in its own
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
  tick(): { fired: number; pickedUp: number[]; adminDms: number; more: boolean } {
    let fired = 0;
    const due = dueTimers(this.db, this.context().now, TIMERS_PER_PASS);
    for (const timer of due) {
      try {
        if (fireTimer(this.db, timer, this.context()) === 'fired') fired++;
      } catch (error) {
        this.logger.error(
          { timerId: timer.id, reportId: timer.reportId, err: (error as Error).message },
          'escalation timer failed; will retry',
        );
      }
    }
    const pickedUp = pickUpQueued(this.db, this.context());
    // After pick-up: alerts about reports someone has just been given are dropped, not sent.
    let adminDms = 0;
    try {
      adminDms = flushDueAdminAlerts(this.db, this.context());
    } catch (error) {
      this.logger.error({ err: (error as Error).message }, 'coalesced admin DMs failed; will retry');
    }
    this.housekeeping();
    if (fired > 0 || pickedUp.length > 0 || adminDms > 0) {
      this.logger.info({ fired, pickedUp, adminDms }, 'scheduler acted');
      this.afterChanges();
    }
    return { fired, pickedUp, adminDms, more: due.length === TIMERS_PER_PASS };
  }

  start(): void {
    const loop = () => {
      let more = false;
      try {
        more = this.tick().more;
      } catch (error) {
        this.logger.error({ err: (error as Error).message }, 'scheduler pass failed');
      }
      // A full pass means more are due (a morning's worth of reports nobody took): the next pass comes at the
      // event loop's next turn, so requests are still answered between passes, instead of after pollMs.
      this.timer = setTimeout(loop, more ? 0 : this.pollMs);
      this.timer.unref();
    };
    loop();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
