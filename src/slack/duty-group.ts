import type { WebClient } from '@slack/web-api';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';

/** Why the group could not be kept, for App Home and /healthz: each has its own fix. */
export type DutyGroupProblem = 'missing_scope' | 'restricted' | 'paid_plan' | 'name_taken' | 'unavailable';

export interface DutyGroupStatus {
  handle: string;
  /** `ok`: holds the admins on duty; `disabled`: nobody is on duty; `pending`: not checked yet; `problem`: see `problem`. */
  state: 'pending' | 'ok' | 'disabled' | 'problem';
  members: string[];
  problem?: DutyGroupProblem;
  /** Slack's error code (or the failure's kind), for the operator. */
  error?: string;
  checkedAt: number | null;
}

interface SlackGroup {
  id: string;
  handle: string;
  date_delete?: number;
  users?: string[];
}

const RESTRICTED = new Set([
  'permission_denied',
  'not_allowed_token_type',
  'no_permission',
  'restricted_action',
  'not_authorized',
  'access_denied',
  'team_access_not_granted',
]);
const PAID = new Set(['paid_only', 'paid_teams_only', 'plan_upgrade_required', 'feature_not_enabled']);
const TAKEN = new Set(['name_already_exists', 'handle_already_exists']);

function problemOf(error: string): DutyGroupProblem {
  if (error === 'missing_scope') return 'missing_scope';
  if (RESTRICTED.has(error)) return 'restricted';
  if (PAID.has(error)) return 'paid_plan';
  if (TAKEN.has(error)) return 'name_taken';
  return 'unavailable';
}

/**
 * Keeps the Slack user group DUTY_USERGROUP_HANDLE equal to the admins on duty now. Slack has no empty user groups:
 * while nobody is on duty the group is disabled (a mention of it then reaches nobody and Slack shows it as
 * deactivated), and enabled again with the new members when someone comes on duty.
 *
 * `kick()` is called after every duty change and on every scheduler pass; a sync runs when the wanted members differ
 * from what was last applied, or every `checkMs` to read the group back (a hand edit, or an update lost to an
 * outage, is repaired). After a failure it waits `checkMs` before trying again — unless the wanted members change —
 * so a missing scope or a workspace that restricts user-group edits is one warning and a status line, not a loop.
 */
export class DutyGroup {
  private applied: string | null = null;
  private lastCheckAt: number | null = null;
  private failedAt: number | null = null;
  private failedFor: string | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private current: DutyGroupStatus;

  constructor(
    private readonly client: WebClient,
    private readonly handle: string,
    /** Slack ids of the admins on duty now. */
    private readonly wanted: () => string[],
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly checkMs: number,
  ) {
    this.current = { handle, state: 'pending', members: [], checkedAt: null };
  }

  status(): DutyGroupStatus {
    return this.current;
  }

  /** Starts a sync if one is needed; never throws. */
  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    const members = this.members();
    if (!this.needed(members)) return;
    this.running = this.run(members).finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  /** Resolves when no sync is running (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  private members(): string[] {
    return [...new Set(this.wanted())].sort();
  }

  private needed(members: string[]): boolean {
    const key = members.join(',');
    const now = this.clock.now();
    if (this.failedAt !== null) return key !== this.failedFor || now - this.failedAt >= this.checkMs;
    return key !== this.applied || this.lastCheckAt === null || now - this.lastCheckAt >= this.checkMs;
  }

  private async run(members: string[]): Promise<void> {
    const key = members.join(',');
    try {
      const group = await this.find();
      let state: DutyGroupStatus['state'];
      if (members.length === 0) {
        // Nothing to hold: disable the group if it exists and is on; never create an empty one.
        if (group && !group.date_delete) await this.client.usergroups.disable({ usergroup: group.id });
        state = 'disabled';
      } else {
        const target = group ?? (await this.create());
        if (group?.date_delete) await this.client.usergroups.enable({ usergroup: target.id });
        const actual = [...(group?.users ?? [])].sort().join(',');
        if (!group || actual !== key) await this.client.usergroups.users.update({ usergroup: target.id, users: key });
        state = 'ok';
      }
      if (this.failedAt !== null) this.logger.info({ handle: this.handle }, 'on-duty user group can be kept again');
      this.applied = key;
      this.failedAt = null;
      this.failedFor = null;
      this.lastCheckAt = this.clock.now();
      this.current = { handle: this.handle, state, members, checkedAt: this.lastCheckAt };
    } catch (error) {
      const code =
        (error as { data?: { error?: string }; code?: string }).data?.error ??
        (error as { code?: string }).code ??
        'unexpected';
      const problem = problemOf(code);
      if (this.current.error !== code)
        this.logger.warn(
          { handle: this.handle, error: code, problem },
          'on-duty user group could not be updated; see App Home or /healthz',
        );
      this.failedAt = this.clock.now();
      this.failedFor = key;
      this.applied = null;
      this.current = { handle: this.handle, state: 'problem', members, problem, error: code, checkedAt: this.failedAt };
    }
  }

  /** Read back on every sync (syncs are rare): the group as Slack has it now, members and enabled state included. */
  private async find(): Promise<SlackGroup | undefined> {
    const listed = await this.client.usergroups.list({ include_disabled: true, include_users: true });
    return ((listed.usergroups ?? []) as SlackGroup[]).find((g) => g.handle === this.handle);
  }

  private async create(): Promise<SlackGroup> {
    const created = await this.client.usergroups.create({
      name: this.handle,
      handle: this.handle,
      description: 'kintone-login: the admins on duty now',
    });
    return created.usergroup as SlackGroup;
  }
}
