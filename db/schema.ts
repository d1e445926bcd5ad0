import { sql } from 'drizzle-orm';
import { blob, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

// Times are integer milliseconds since the epoch (UTC), taken from the injected clock.

/**
 * A login problem an employee could not fix alone. `state` and `escalationLevel` only change through the table in
 * src/reports/state-machine.ts, applied by src/reports/lifecycle.ts.
 */
export const reports = sqliteTable(
  'reports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    reporterSlackId: text('reporter_slack_id').notNull(),
    loginName: text('login_name').notNull(),
    /** The troubleshooter leaf the reporter ended on, and the remedy it names for the admin. */
    leafId: text('leaf_id').notNull(),
    remedy: text('remedy').notNull(),
    /** JSON [{ nodeId, answerId, auto? }]: the questions and answers that led here. */
    path: text('path').notNull().default('[]'),
    /** JSON of the directory facts known when the report was made (account active, kintone assigned…), or null. */
    facts: text('facts'),
    walkId: integer('walk_id'),
    details: text('details').notNull().default(''),
    state: text('state', { enum: ['open', 'acknowledged', 'resolved', 'cancelled'] })
      .notNull()
      .default('open'),
    locale: text('locale', { enum: ['ja', 'en'] }).notNull(),
    /** What made this report (e.g. the modal's view id): a replayed submission finds the same report. */
    submissionKey: text('submission_key').notNull(),
    /**
     * Filed from a message by someone else (the message shortcut, "for the message's author"): who filed it. The
     * reporter is the author; account actions wait until they confirm it is them (`reporterConfirmedAt`).
     */
    filedBySlackId: text('filed_by_slack_id'),
    reporterConfirmedAt: integer('reporter_confirmed_at'),
    /** Where the root message lives once the outbox has posted it. */
    rootChannel: text('root_channel'),
    rootTs: text('root_ts'),
    /** The admin it is routed to; null while queued (nobody on duty). */
    assigneeSlackId: text('assignee_slack_id'),
    assignedAt: integer('assigned_at'),
    acknowledgedAt: integer('acknowledged_at'),
    resolvedAt: integer('resolved_at'),
    /** Who resolved it (an admin, or the reporter for a self-service fix); cleared when it is reopened. */
    resolvedBy: text('resolved_by'),
    /** 0 assigned or queued, 1 reassigned after no acknowledgement, 2 every admin notified (final). */
    escalationLevel: integer('escalation_level').notNull().default(0),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    /** When RETENTION_DAYS after closing erased its free text and directory facts (src/reports/retention.ts). */
    personalDataErasedAt: integer('personal_data_erased_at'),
  },
  (t) => [
    uniqueIndex('reports_submission_key_idx').on(t.submissionKey),
    // The retention sweep's next reports to erase: only those not yet erased are in it.
    index('reports_retention_idx').on(t.updatedAt).where(sql`personal_data_erased_at is null`),
    index('reports_assignee_idx').on(t.assigneeSlackId, t.state),
    // `status` and App Home list a reporter's latest reports: newest first straight from the index.
    index('reports_reporter_id_idx').on(t.reporterSlackId, t.id),
    index('reports_state_idx').on(t.state, t.createdAt),
  ],
);

/** One run through the troubleshooter: how it started, the path so far, and how it ended. */
export const walks = sqliteTable(
  'walks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slackUserId: text('slack_user_id').notNull(),
    locale: text('locale', { enum: ['ja', 'en'] }).notNull(),
    /** The engine's encoded path (see src/troubleshoot/engine.ts). */
    path: text('path').notNull().default(''),
    leafId: text('leaf_id'),
    outcome: text('outcome', { enum: ['in_progress', 'self_resolved', 'reported', 'abandoned'] })
      .notNull()
      .default('in_progress'),
    reportId: integer('report_id'),
    /** Walked for someone else (a message's author, via the message shortcut): they become the reporter. */
    onBehalfOf: text('on_behalf_of'),
    /**
     * JSON Facts the directory gave about the walker's account (src/troubleshoot/account-facts.ts), written by the
     * server when it asked: a report shows admins these, never facts carried in the modal's private_metadata.
     */
    facts: text('facts'),
    startedAt: integer('started_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    index('walks_started_idx').on(t.startedAt),
    index('walks_user_idx').on(t.slackUserId, t.startedAt),
    // The retention sweep erases old walks' facts: only walks that still hold some are in it.
    index('walks_facts_idx').on(t.startedAt).where(sql`facts is not null`),
  ],
);

/**
 * Append-only audit trail: who did what, to which report, when, with what outcome. Never updated, but for one
 * redaction per row once RETENTION_DAYS have passed (personal fields of `data` replaced by a marker, `redacted_at`
 * set); a trigger refuses every other change (migration 0016).
 */
export const auditEvents = sqliteTable(
  'audit_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    reportId: integer('report_id').references(() => reports.id),
    actorSlackId: text('actor_slack_id'),
    type: text('type').notNull(),
    /** JSON object with the details of the event; never a secret. */
    data: text('data').notNull().default('{}'),
    createdAt: integer('created_at').notNull(),
    /** When the retention sweep redacted `data` (its one allowed change); null before. */
    redactedAt: integer('redacted_at'),
  },
  (t) => [
    index('audit_events_report_idx').on(t.reportId, t.id),
    index('audit_events_created_idx').on(t.createdAt),
    // The retention sweep's next rows: only rows not yet redacted are in it.
    index('audit_events_unredacted_idx').on(t.createdAt).where(sql`redacted_at is null`),
  ],
);

/** What Slack told us about a user (locale, e-mail), refreshed after a while; erased RETENTION_DAYS after the last fetch. */
export const slackUsers = sqliteTable(
  'slack_users',
  {
    slackId: text('slack_id').primaryKey(),
    locale: text('locale'),
    email: text('email'),
    name: text('name'),
    timezone: text('timezone'),
    fetchedAt: integer('fetched_at').notNull(),
  },
  (t) => [index('slack_users_fetched_idx').on(t.fetchedAt)],
);

/**
 * Messages to Slack, written in the same transaction as the state change that causes them and delivered by
 * src/slack/outbox-worker.ts. A message that needs another message's ts (a thread reply, an update of the
 * root message, a permalink) names it in `dependsOn` and waits for it.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: ['post', 'dm', 'update'] }).notNull(),
    /** Channel for `post`; user id for `dm`; ignored for `update` (taken from the dependency). */
    target: text('target'),
    /** JSON: OutboxPayload in src/outbox/outbox.ts ({ text, blocks?, inThread?, permalink?, links?, threadTs? }). */
    payload: text('payload').notNull(),
    dependsOn: integer('depends_on'),
    reportId: integer('report_id').references(() => reports.id),
    /** `root` marks the report's root message: its channel and ts are copied to the report when sent. */
    role: text('role'),
    /** Messages with the same key are delivered in id order (one thread, one channel). */
    orderingKey: text('ordering_key').notNull(),
    state: text('state', { enum: ['pending', 'sent', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    lastError: text('last_error'),
    sentChannel: text('sent_channel'),
    sentTs: text('sent_ts'),
    createdAt: integer('created_at').notNull(),
    sentAt: integer('sent_at'),
  },
  (t) => [
    // The worker takes the oldest deliverable pending message: walking pending rows in id order stops at the
    // first one, where an index on the due time made every pick sort the whole backlog (quadratic drain).
    index('outbox_pending_idx').on(t.state, t.id),
    index('outbox_ordering_idx').on(t.orderingKey, t.state, t.id),
    // A report's root message, looked up by every later thread reply and root update.
    index('outbox_report_idx').on(t.reportId, t.role),
  ],
);

/** The admin roster: who may act on reports. Every change is audited. */
export const admins = sqliteTable('admins', {
  slackId: text('slack_id').primaryKey(),
  /** Who added them; null when they came from ADMIN_SLACK_IDS. */
  addedBy: text('added_by'),
  addedAt: integer('added_at').notNull(),
  /** JSON Shift[] (src/routing/shifts.ts): weekly shifts in TIMEZONE. */
  shifts: text('shifts').notNull().default('[]'),
  /** The latest `duty on` / `duty off` (1 / 0), when, and until when; null when never used. */
  manualOn: integer('manual_on', { mode: 'boolean' }),
  manualSince: integer('manual_since'),
  manualUntil: integer('manual_until'),
  /** For round robin among admins with equally few open reports. */
  lastAssignedAt: integer('last_assigned_at'),
  /** `duty away <date>`: off duty from `away_since` until `away_until` (the start of the day after), over shifts. */
  awaySince: integer('away_since'),
  awayUntil: integer('away_until'),
});

/**
 * An admin asked another to cover a time range (`duty cover`, App Home): the requester is off duty and the coverer
 * on duty in `[start_at, end_at)`, whatever their shifts say, unless the coverer declined.
 */
export const dutyCovers = sqliteTable(
  'duty_covers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    requestedBy: text('requested_by').notNull(),
    coverSlackId: text('cover_slack_id').notNull(),
    startAt: integer('start_at').notNull(),
    endAt: integer('end_at').notNull(),
    createdAt: integer('created_at').notNull(),
    /** Set when the coverer declined: the cover no longer counts. */
    declinedAt: integer('declined_at'),
  },
  (t) => [index('duty_covers_end_idx').on(t.endAt)],
);

/** The daily duty post, one row per local date (TIMEZONE): written with the post's outbox row, so it goes out once. */
export const dailyPosts = sqliteTable('daily_posts', {
  /** 'YYYY-MM-DD' in TIMEZONE. */
  date: text('date').primaryKey(),
  outboxId: integer('outbox_id').notNull(),
  createdAt: integer('created_at').notNull(),
});

/**
 * Admins removed with `admins remove`: ADMIN_SLACK_IDS seeds the roster at every start, and must not bring back
 * someone who was removed on purpose. `admins add` deletes the row.
 */
export const adminRemovals = sqliteTable('admin_removals', {
  slackId: text('slack_id').primaryKey(),
  removedBy: text('removed_by').notNull(),
  removedAt: integer('removed_at').notNull(),
});

/**
 * Timers that must fire once even across restarts (escalations, quiet claims). A timer fires in the same
 * transaction that sets `done_at` and applies its effect, so a crash either did all of it or none.
 */
export const timers = sqliteTable(
  'timers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    reportId: integer('report_id')
      .notNull()
      .references(() => reports.id),
    /** `escalate`: not acknowledged in time; `quiet_remind` / `quiet_reopen`: acknowledged but quiet (QUIET_CLAIM_HOURS). */
    kind: text('kind', { enum: ['escalate', 'quiet_remind', 'quiet_reopen'] }).notNull(),
    dueAt: integer('due_at').notNull(),
    /** Set when fired or cancelled (acknowledged, resolved); a timer with it set never fires. */
    doneAt: integer('done_at'),
    outcome: text('outcome'),
  },
  (t) => [
    index('timers_due_idx').on(t.doneAt, t.dueAt),
    // A report's pending timers are cancelled on every acknowledgement and reassignment.
    index('timers_report_idx').on(t.reportId, t.doneAt),
  ],
);

/**
 * DMs to admins about reports that wait for someone (nobody on duty, escalated to every admin), coalesced: an
 * admin gets at most one such DM per ADMIN_ALERT_INTERVAL_MINUTES. Each alert is a row until it went out in a DM
 * (`outbox_id`, written in the same transaction as the DM) or was dropped because its report no longer waits, so
 * what is pending survives a restart and is sent exactly once.
 */
export const adminAlerts = sqliteTable(
  'admin_alerts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    adminSlackId: text('admin_slack_id').notNull(),
    reportId: integer('report_id')
      .notNull()
      .references(() => reports.id),
    kind: text('kind', { enum: ['queued', 'escalated'] }).notNull(),
    createdAt: integer('created_at').notNull(),
    /** When it may go out: at once, or when the admin's last such DM is ADMIN_ALERT_INTERVAL_MINUTES old. */
    dueAt: integer('due_at').notNull(),
    /** Set once sent or dropped; a row with it set is never sent again. */
    doneAt: integer('done_at'),
    outcome: text('outcome', { enum: ['sent', 'dropped'] }),
    outboxId: integer('outbox_id'),
  },
  (t) => [
    index('admin_alerts_due_idx').on(t.doneAt, t.dueAt),
    // An admin's pending alerts (outcome null) and when their last DM went out.
    index('admin_alerts_admin_idx').on(t.adminSlackId, t.outcome, t.doneAt),
    // The foreign key's child side: SQLite looks here whenever a report row changes.
    index('admin_alerts_report_idx').on(t.reportId),
  ],
);

/**
 * Account actions run from a report's thread against the User API. The row exists before the call: an
 * action interrupted by a crash stays visible (state `running` → `unknown` at the next start) and is never
 * silently repeated.
 */
export const accountActions = sqliteTable(
  'account_actions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    reportId: integer('report_id')
      .notNull()
      .references(() => reports.id),
    kind: text('kind', {
      enum: ['reset_password', 'unlock', 'resume', 'assign_kintone', 'ask_to_wait', 'manual'],
    }).notNull(),
    /** For `manual`: the remedy done by hand in the admin screen. */
    remedy: text('remedy'),
    targetLoginName: text('target_login_name').notNull(),
    requestedBy: text('requested_by').notNull(),
    /** The second admin who approved an action on an administrator account. */
    approvedBy: text('approved_by'),
    /** How the reporter's identity was established: sso, email_match, admin_confirmed, not_needed (ask_to_wait, manual). */
    identity: text('identity').notNull(),
    /** `cancelled` / `expired`: a pending approval that never ran (report closed, account changed, too old). */
    state: text('state', {
      enum: ['pending_approval', 'running', 'succeeded', 'failed', 'unknown', 'cancelled', 'expired'],
    }).notNull(),
    /** The directory error's kind; for a cancelled approval, why (report_resolved, identity_lost…). */
    errorKind: text('error_kind'),
    cybozuErrorId: text('cybozu_error_id'),
    /** The confirmation that started it (a replayed submission finds this row). */
    requestKey: text('request_key').notNull(),
    createdAt: integer('created_at').notNull(),
    finishedAt: integer('finished_at'),
  },
  (t) => [
    uniqueIndex('account_actions_request_idx').on(t.requestKey),
    index('account_actions_report_idx').on(t.reportId, t.state),
    // The housekeeping looks for requests for approval past their expiry on every pass.
    index('account_actions_state_idx').on(t.state, t.createdAt),
  ],
);

/**
 * Confirmation modals of account actions, as the server opened them: the submission is matched by Slack's
 * view id, so what runs (report, action, account) never comes from the modal's private_metadata.
 */
export const actionConfirmations = sqliteTable(
  'action_confirmations',
  {
    viewId: text('view_id').primaryKey(),
    reportId: integer('report_id')
      .notNull()
      .references(() => reports.id),
    kind: text('kind', { enum: ['reset_password', 'unlock', 'resume', 'assign_kintone'] }).notNull(),
    /** The account and identity proof the admin was shown; a change before the submission asks them to look again. */
    targetLoginName: text('target_login_name').notNull(),
    identity: text('identity', { enum: ['sso', 'email_match', 'unverified'] }).notNull(),
    /** Only the admin who opened it may submit it. */
    openedBy: text('opened_by').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    // Inserting or changing a report checks this table's references to it.
    index('action_confirmations_report_idx').on(t.reportId),
    index('action_confirmations_created_idx').on(t.createdAt),
  ],
);

/** Temporary passwords waiting for their one reveal: encrypted (AES-256-GCM), erased after reveal or expiry. */
export const secrets = sqliteTable('secrets', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  actionId: integer('action_id')
    .notNull()
    .references(() => accountActions.id),
  recipientSlackId: text('recipient_slack_id').notNull(),
  /** base64 iv.tag.ciphertext; null once erased. */
  sealed: text('sealed'),
  expiresAt: integer('expires_at').notNull(),
  revealedAt: integer('revealed_at'),
  erasedAt: integer('erased_at'),
});

/** One-time single sign-on requests: bound to a Slack user, valid 10 minutes, usable once. */
export const oidcRequests = sqliteTable('oidc_requests', {
  /** The OAuth `state` (random, unguessable). */
  state: text('state').primaryKey(),
  slackUserId: text('slack_user_id').notNull(),
  /** PKCE code verifier and nonce: secrets of the flow, erased when it completes. */
  codeVerifier: text('code_verifier'),
  nonce: text('nonce'),
  createdAt: integer('created_at').notNull(),
  expiresAt: integer('expires_at').notNull(),
  usedAt: integer('used_at'),
  /** An admin step-up: the provider was asked for a fresh sign-in (prompt=login, max_age) and auth_time is checked. */
  stepUp: integer('step_up', { mode: 'boolean' }).notNull().default(false),
});

/**
 * A sign-in that passed every check and waits for the person to confirm, on the page, which Slack account it links
 * to. Only a hash of the one-time confirmation token is kept.
 */
export const identityConfirmations = sqliteTable('identity_confirmations', {
  tokenHash: text('token_hash').primaryKey(),
  slackUserId: text('slack_user_id').notNull(),
  subject: text('subject').notNull(),
  /** The provider's verified e-mail, equal to the Slack user's e-mail when the sign-in came back. */
  email: text('email').notNull(),
  /** JSON string[] of the groups claim. */
  groups: text('groups').notNull().default('[]'),
  /** When the person authenticated at the provider, for a step-up sign-in; null otherwise. */
  stepUpAt: integer('step_up_at'),
  createdAt: integer('created_at').notNull(),
  expiresAt: integer('expires_at').notNull(),
  usedAt: integer('used_at'),
});

/** A Slack user linked to their company identity; no access or refresh tokens are kept. */
export const identities = sqliteTable(
  'identities',
  {
    slackUserId: text('slack_user_id').primaryKey(),
    subject: text('subject').notNull(),
    email: text('email'),
    emailVerified: integer('email_verified', { mode: 'boolean' }).notNull().default(false),
    /** JSON string[] of the groups claim. */
    groups: text('groups').notNull().default('[]'),
    verifiedAt: integer('verified_at').notNull(),
    /** When the person last authenticated afresh for an admin step-up (auth_time); null when never. */
    stepUpAt: integer('step_up_at'),
  },
  // The retention sweep deletes links verified longer ago than RETENTION_DAYS.
  (t) => [index('identities_verified_idx').on(t.verifiedAt)],
);

/**
 * The tenant's cybozu.com login settings as its admins told the app (one row, id 1; JSON validated by
 * src/settings/environment-settings.ts). Absent until first saved: env defaults apply until then.
 */
export const environmentSettings = sqliteTable('environment_settings', {
  id: integer('id').primaryKey(),
  settings: text('settings').notNull(),
  updatedBy: text('updated_by').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/**
 * Self-service fixes (issue 15): a reporter resets or unlocks their own account after a fresh single sign-on. One
 * row per "Reset it myself now" click, bound to the OIDC `state` of the sign-in it started; what happened at the
 * return (fixed or refused, and why) and the identity proof are kept here, never a password or a token.
 */
export const selfServiceAttempts = sqliteTable(
  'self_service_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The OAuth `state` of the sign-in this click started (oidc_requests.state). */
    state: text('state').notNull(),
    slackUserId: text('slack_user_id').notNull(),
    walkId: integer('walk_id').notNull(),
    /** The troubleshooter modal, told the outcome when the sign-in comes back. */
    viewId: text('view_id'),
    /** The account as the directory named it at the click (its e-mail was the Slack user's). */
    loginName: text('login_name').notNull(),
    remedy: text('remedy', { enum: ['reset_password', 'unlock'] }).notNull(),
    /** Where the troubleshooter stood at the click (leaf, JSON steps) and what the reporter typed: the report's. */
    leafId: text('leaf_id').notNull(),
    path: text('path').notNull().default('[]'),
    details: text('details').notNull().default(''),
    locale: text('locale', { enum: ['ja', 'en'] }).notNull(),
    outcome: text('outcome', { enum: ['pending', 'fixed', 'refused', 'failed'] })
      .notNull()
      .default('pending'),
    /** Why it was refused or failed (a short code). */
    reason: text('reason'),
    reportId: integer('report_id').references(() => reports.id),
    actionId: integer('action_id').references(() => accountActions.id),
    /** The identity proof of the sign-in: issuer, subject and when the person authenticated (ms). */
    issuer: text('issuer'),
    subject: text('subject'),
    authTime: integer('auth_time'),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    /** When the account action began (the cooldown counts from here); null when none did. */
    actedAt: integer('acted_at'),
    finishedAt: integer('finished_at'),
  },
  (t) => [
    uniqueIndex('self_service_state_idx').on(t.state),
    // Rate limit: a reporter's clicks in the last hour.
    index('self_service_user_idx').on(t.slackUserId, t.createdAt),
    // Cooldown: the latest self-service action on an account.
    index('self_service_login_idx').on(t.loginName, t.actedAt),
    index('self_service_report_idx').on(t.reportId),
  ],
);

/** Channels where an admin switched help-channel answers on (`listen on`, App Home); switching off deletes the row. */
export const listenChannels = sqliteTable('listen_channels', {
  channelId: text('channel_id').primaryKey(),
  enabledBy: text('enabled_by').notNull(),
  enabledAt: integer('enabled_at').notNull(),
});

/**
 * Threaded offers of the troubleshooter under help-channel messages: one per person per day (`day` in TIMEZONE),
 * which the unique index enforces even for a retried event. The message text itself is not kept.
 */
export const listenReplies = sqliteTable(
  'listen_replies',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    channelId: text('channel_id').notNull(),
    /** The person whose message was answered. */
    slackUserId: text('slack_user_id').notNull(),
    messageTs: text('message_ts').notNull(),
    day: text('day').notNull(),
    createdAt: integer('created_at').notNull(),
    /** "Not this": when and by whom. */
    dismissedAt: integer('dismissed_at'),
    dismissedBy: text('dismissed_by'),
  },
  (t) => [uniqueIndex('listen_replies_user_day_idx').on(t.slackUserId, t.day)],
);

/** The reporter's answer to "are you back in?" after a resolution: a 1–5 rating and an optional comment. */
export const reportRatings = sqliteTable(
  'report_ratings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    reportId: integer('report_id')
      .notNull()
      .references(() => reports.id),
    reporterSlackId: text('reporter_slack_id').notNull(),
    /** The resolution rated (a reopened and resolved again report can be rated again). */
    resolvedAt: integer('resolved_at').notNull(),
    score: integer('score').notNull(),
    comment: text('comment'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('report_ratings_resolution_idx').on(t.reportId, t.resolvedAt),
    index('report_ratings_created_idx').on(t.createdAt),
  ],
);

/** Scratch table for the health check's write probe (always empty: the probe rolls back). */
export const healthProbe = sqliteTable('health_probe', {
  id: integer('id').primaryKey(),
  payload: blob('payload'),
});

/**
 * A write cybozu.com refused for lack of privilege (CB_NO02): a standing warning to admins, keyed by the auth
 * method it was seen with, until a write succeeds (the row is then deleted).
 */
export const directoryWriteRefusals = sqliteTable('directory_write_refusals', {
  /** 'token' or 'password'. */
  auth: text('auth').primaryKey(),
  firstSeenAt: integer('first_seen_at').notNull(),
  lastSeenAt: integer('last_seen_at').notNull(),
  /** cybozu's error id of the last refusal, for cybozu support. */
  cybozuErrorId: text('cybozu_error_id'),
});

export type Report = typeof reports.$inferSelect;
export type NewReport = typeof reports.$inferInsert;
export type AuditEvent = typeof auditEvents.$inferSelect;
export type OutboxRow = typeof outbox.$inferSelect;
export type NewOutboxRow = typeof outbox.$inferInsert;
export type SlackUserRow = typeof slackUsers.$inferSelect;
export type Admin = typeof admins.$inferSelect;
export type Walk = typeof walks.$inferSelect;
export type Timer = typeof timers.$inferSelect;
export type AdminAlert = typeof adminAlerts.$inferSelect;
export type AccountAction = typeof accountActions.$inferSelect;
export type ActionConfirmation = typeof actionConfirmations.$inferSelect;
export type Secret = typeof secrets.$inferSelect;
export type OidcRequest = typeof oidcRequests.$inferSelect;
export type IdentityRow = typeof identities.$inferSelect;
export type IdentityConfirmation = typeof identityConfirmations.$inferSelect;
export type DutyCover = typeof dutyCovers.$inferSelect;
export type DirectoryWriteRefusal = typeof directoryWriteRefusals.$inferSelect;
export type SelfServiceAttempt = typeof selfServiceAttempts.$inferSelect;
export type ListenReply = typeof listenReplies.$inferSelect;
export type ReportRating = typeof reportRatings.$inferSelect;
