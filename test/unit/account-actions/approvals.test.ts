import { describe, expect, it } from 'vitest';
import { apiActionFor, isLive, type AccountCheck } from '../../../src/account-actions/account-check.js';
import { approvalExpired, approvalNoLongerHolds } from '../../../src/account-actions/approvals.js';

const check = (over: Partial<AccountCheck> = {}, user: Partial<AccountCheck['user']> = {}): AccountCheck => ({
  user: { id: '1', loginName: 'boss', name: 'The Boss', email: 'boss@example.com', active: false, ...user },
  administrator: true,
  hasKintone: true,
  slackEmail: 'boss@example.com',
  proof: 'email_match',
  ...over,
});
const request = { kind: 'resume', targetLoginName: 'boss', identity: 'email_match' } as const;

describe('account actions on a report', () => {
  it('are allowed only while the report is open or in progress', () => {
    expect(['open', 'acknowledged', 'resolved', 'cancelled'].map((state) => isLive({ state: state as never }))).toEqual(
      [true, true, false, false],
    );
  });

  it('are the one the report’s remedy names', () => {
    expect(apiActionFor({ remedy: 'resume' })).toBe('resume');
    expect(apiActionFor({ remedy: 'disable_two_factor' })).toBeNull();
  });
});

describe('a request for approval', () => {
  it('expires once its time is up, and only while pending', () => {
    expect(approvalExpired({ state: 'pending_approval', createdAt: 0 }, 59_999, 60_000)).toBe(false);
    expect(approvalExpired({ state: 'pending_approval', createdAt: 0 }, 60_000, 60_000)).toBe(true);
    expect(approvalExpired({ state: 'succeeded', createdAt: 0 }, 120_000, 60_000)).toBe(false);
  });

  it('still holds when the account is as the requester saw it', () => {
    expect(approvalNoLongerHolds(request, check())).toBeNull();
  });

  it('no longer holds when the account is gone or renamed, has nothing left to do, or the identity proof is gone', () => {
    expect(approvalNoLongerHolds(request, null)).toBe('account_changed');
    expect(approvalNoLongerHolds(request, check({}, { loginName: 'boss2' }))).toBe('account_changed');
    expect(approvalNoLongerHolds(request, check({}, { active: true }))).toBe('nothing_to_do');
    expect(approvalNoLongerHolds(request, check({ proof: 'unverified' }))).toBe('identity_lost');
  });

  it('keeps an admin’s own confirmation of the person', () => {
    expect(
      approvalNoLongerHolds({ ...request, identity: 'admin_confirmed' }, check({ proof: 'unverified' })),
    ).toBeNull();
  });
});
