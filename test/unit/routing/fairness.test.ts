import { describe, expect, it } from 'vitest';
import { chooseAssignee, rankAssignees } from '../../../src/routing/fairness.js';

describe('chooseAssignee', () => {
  it('picks the admin with the fewest open reports', () => {
    expect(
      chooseAssignee({
        candidates: ['UA', 'UB', 'UC'],
        exclude: [],
        openCounts: { UA: 2, UB: 0, UC: 1 },
        lastAssignedAt: { UA: 1, UB: 999, UC: 2 },
      }),
    ).toBe('UB');
  });

  it('breaks a tie by who was assigned least recently', () => {
    expect(
      chooseAssignee({
        candidates: ['UA', 'UB', 'UC'],
        exclude: [],
        openCounts: { UA: 1, UB: 1, UC: 1 },
        lastAssignedAt: { UA: 300, UB: 100, UC: 200 },
      }),
    ).toBe('UB');
  });

  it('puts the never-assigned first, and counts a missing open count as zero', () => {
    expect(
      chooseAssignee({
        candidates: ['UA', 'UB'],
        exclude: [],
        openCounts: {},
        lastAssignedAt: { UA: 1, UB: undefined },
      }),
    ).toBe('UB');
    expect(
      chooseAssignee({ candidates: ['UA', 'UB'], exclude: [], openCounts: { UA: 0 }, lastAssignedAt: { UA: 5 } }),
    ).toBe('UB');
  });

  it('orders complete ties by Slack id', () => {
    expect(
      rankAssignees({ candidates: ['UC', 'UA', 'UB', 'UA'], exclude: [], openCounts: {}, lastAssignedAt: {} }),
    ).toEqual(['UA', 'UB', 'UC']);
  });

  it('never picks the reporter or the current assignee', () => {
    const query = {
      candidates: ['UA', 'UB', 'UC'],
      openCounts: { UA: 0, UB: 0, UC: 3 },
      lastAssignedAt: {},
    };
    expect(chooseAssignee({ ...query, exclude: ['UA'] })).toBe('UB');
    expect(chooseAssignee({ ...query, exclude: ['UA', 'UB'] })).toBe('UC');
  });

  it('returns null when nobody is left', () => {
    expect(chooseAssignee({ candidates: [], exclude: [], openCounts: {}, lastAssignedAt: {} })).toBeNull();
    expect(chooseAssignee({ candidates: ['UA'], exclude: ['UA'], openCounts: {}, lastAssignedAt: {} })).toBeNull();
  });

  it('goes round robin as assignments are recorded', () => {
    const openCounts: Record<string, number> = {};
    const lastAssignedAt: Record<string, number | undefined> = {};
    const picked: string[] = [];
    for (let t = 1; t <= 6; t++) {
      const id = chooseAssignee({ candidates: ['UB', 'UA', 'UC'], exclude: [], openCounts, lastAssignedAt });
      if (!id) throw new Error('nobody picked');
      picked.push(id);
      lastAssignedAt[id] = t; // reports resolved at once: open counts stay 0
    }
    expect(picked).toEqual(['UA', 'UB', 'UC', 'UA', 'UB', 'UC']);
  });
});
