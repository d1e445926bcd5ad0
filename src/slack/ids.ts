/** Stable identifiers from the interface contract (docs/design.md): operators and outside tests rely on them. */
export const COMMAND = '/kintone-login';

export const CallbackIds = {
  loginReport: 'login_report',
  accountActionConfirm: 'account_action_confirm',
} as const;

export const ActionIds = {
  reportAck: 'report_ack',
  reportResetPassword: 'report_reset_password',
  reportUnlock: 'report_unlock',
  reportResume: 'report_resume',
  reportResolve: 'report_resolve',
  reportReassign: 'report_reassign',
  secretReveal: 'secret_reveal',
  /** App Home's "get help" button (not part of the contract). */
  homeStartReport: 'home_start_report',
} as const;

/** Block and action ids inside the report modal (internal, but tests use them to fill the form). */
export const ReportForm = {
  loginName: { block: 'login_name', action: 'login_name_input' },
  symptom: { block: 'symptom', action: 'symptom_select' },
  details: { block: 'details', action: 'details_input' },
} as const;
