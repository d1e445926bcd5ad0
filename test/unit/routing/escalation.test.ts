import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { dueEscalation, nextEscalation } from '../../../src/routing/escalation.js';

const t0 = DateTime.fromISO('2026-06-05T10:00', { zone: 'Asia/Tokyo' }).toMillis();
const MIN = 60_000;

describe('nextEscalation', () => {
  it('reassigns (level 1) N minutes after assignment', () => {
    expect(nextEscalation({ level: 0, since: t0, escalationMinutes: 15, acknowledged: false })).toEqual({
      at: t0 + 15 * MIN,
      to: 1,
    });
  });

  it('notifies all admins (level 2) another N minutes after the reassignment', () => {
    const reassignedAt = t0 + 17 * MIN; // the timer fired a little late
    expect(nextEscalation({ level: 1, since: reassignedAt, escalationMinutes: 15, acknowledged: false })).toEqual({
      at: reassignedAt + 15 * MIN,
      to: 2,
    });
  });

  it('stops once acknowledged', () => {
    expect(nextEscalation({ level: 0, since: t0, escalationMinutes: 15, acknowledged: true })).toBeNull();
    expect(nextEscalation({ level: 1, since: t0, escalationMinutes: 15, acknowledged: true })).toBeNull();
  });

  it('has nothing after level 2', () => {
    expect(nextEscalation({ level: 2, since: t0, escalationMinutes: 15, acknowledged: false })).toBeNull();
  });

  it('rejects a non-positive period', () => {
    expect(() => nextEscalation({ level: 0, since: t0, escalationMinutes: 0, acknowledged: false })).toThrow(
      'escalationMinutes must be a positive number, got 0',
    );
  });
});

describe('dueEscalation', () => {
  const input = { level: 0, since: t0, escalationMinutes: 15, acknowledged: false } as const;

  it('is null before the time and the step from the time on', () => {
    expect(dueEscalation(input, t0 + 15 * MIN - 1)).toBeNull();
    expect(dueEscalation(input, t0 + 15 * MIN)).toEqual({ at: t0 + 15 * MIN, to: 1 });
  });

  it('takes one step at a time after a long pause', () => {
    expect(dueEscalation(input, t0 + 60 * MIN)).toEqual({ at: t0 + 15 * MIN, to: 1 });
  });
});
