import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/clock.js';
import { DiagnoseThrottle } from '../../../src/diagnosis/diagnose-throttle.js';

describe('diagnose throttle', () => {
  it('admits perMinute runs in any rolling minute and says when the next one is allowed', () => {
    const clock = new ManualClock(0);
    const throttle = new DiagnoseThrottle(3, () => clock.now());
    for (let i = 0; i < 3; i++) {
      expect(throttle.admit('U1')).toEqual({ ok: true });
      clock.advance(10_000);
    }
    expect(throttle.admit('U1')).toEqual({ ok: false, retryInSeconds: 30 }); // the first run (at 0) leaves at 60 s
    expect(throttle.admit('U2')).toEqual({ ok: true }); // per user
    clock.set(59_999);
    expect(throttle.admit('U1').ok).toBe(false);
    clock.set(60_000);
    expect(throttle.admit('U1')).toEqual({ ok: true });
    expect(throttle.admit('U1').ok).toBe(false); // runs at 10 s, 20 s and 60 s are inside the minute
  });

  it('does not count refused attempts: hammering it does not push the next run further away', () => {
    const clock = new ManualClock(0);
    const throttle = new DiagnoseThrottle(1, () => clock.now());
    throttle.admit('U1');
    for (let i = 0; i < 100; i++) {
      clock.advance(500);
      expect(throttle.admit('U1').ok).toBe(false);
    }
    clock.set(60_000);
    expect(throttle.admit('U1').ok).toBe(true);
  });

  it('forgets users idle for a minute once it remembers more than maxUsers', () => {
    const clock = new ManualClock(0);
    const throttle = new DiagnoseThrottle(1, () => clock.now(), 2);
    throttle.admit('U1');
    throttle.admit('U2');
    clock.advance(61_000);
    throttle.admit('U3');
    throttle.admit('U4'); // past maxUsers: U1 and U2 are forgotten
    expect((throttle as unknown as { runs: Map<string, number[]> }).runs.size).toBe(2);
    expect(throttle.admit('U3').ok).toBe(false); // remembered ones still count
  });
});
