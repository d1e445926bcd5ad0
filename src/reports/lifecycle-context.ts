/** What the report lifecycle (lifecycle.ts, assignment.ts) needs from its caller: time, settings and how messages look. */
import type { Report } from '../../db/schema.js';
import type { OutgoingMessage } from '../outbox/outbox.js';
import type { AdminAlertKind, WaitingReport } from './admin-alerts.js';
import type { ReportEvent } from './state-machine.js';

/** How the messages about a report look: provided by the Slack layer, so this module stays free of Block Kit. */
export interface ReportNotices {
  rootMessage(report: Report): OutgoingMessage;
  /** Thread: routed to an admin (mention). */
  assigned(report: Report, reason: 'new' | 'escalated' | 'reassigned' | 'picked_up', by?: string): OutgoingMessage;
  /** Thread: nobody on duty; `nextAt` is when someone comes on duty (null: no shift known). */
  queued(report: Report, nextAt: number | null): OutgoingMessage;
  /** Thread: not acknowledged after escalation; every admin was notified. */
  escalatedToAll(report: Report): OutgoingMessage;
  /** Thread: a state change and who made it (`not_me`: the author of a message says a report filed for them is not theirs). */
  changed(report: Report, event: ReportEvent, actor: string, note?: string, reason?: 'not_me'): OutgoingMessage;
  /** DM to an admin: a report needs someone (nobody on duty, or escalated to everyone); `{permalink}` links the thread. */
  adminAlert(report: Report, kind: AdminAlertKind): OutgoingMessage;
  /** DM to an admin: several reports need someone (alerts coalesced over ADMIN_ALERT_INTERVAL_MINUTES), and how many more. */
  adminDigest(waiting: WaitingReport[], more: number): OutgoingMessage;
  /** DMs to the reporter. */
  reporterQueued(report: Report, nextAt: number | null): OutgoingMessage;
  reporterAcknowledged(report: Report, actor: string): OutgoingMessage;
  reporterResolved(report: Report, note?: string): OutgoingMessage;
  /** Thread and DM to the assignee: acknowledged `hours` ago and not resolved (QUIET_CLAIM_HOURS); the DM links the thread with `{permalink}`. */
  quietReminder(report: Report, hours: number): OutgoingMessage;
  quietReminderDm(report: Report, hours: number): OutgoingMessage;
  /** Thread: still quiet after the reminder, so back to open; `report.assigneeSlackId` is the new assignee (null: queued). */
  quietReopened(report: Report, previous: string): OutgoingMessage;
}

export interface LifecycleContext {
  now: number;
  timezone: string;
  escalationMinutes: number;
  supportChannelId: string;
  notices: ReportNotices;
  /** An admin gets at most one DM about waiting reports per this long (default 10 minutes). */
  adminAlertIntervalMs?: number;
  /** Acknowledged and quiet this long → reminder (QUIET_CLAIM_HOURS; 0 or absent: off); then `quietReopenMs` more → reopened. */
  quietClaimMs?: number;
  quietReopenMs?: number;
}
