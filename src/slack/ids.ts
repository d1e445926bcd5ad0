/** Stable identifiers from the interface contract (docs/contract.md): operators and outside tests rely on them. */
export const COMMAND = '/kintone-login';

export const CallbackIds = {
  loginReport: 'login_report',
  accountActionConfirm: 'account_action_confirm',
  /** Internal modals of the thread buttons. */
  reassignModal: 'report_reassign_modal',
  resolveModal: 'report_resolve_modal',
  /** Message shortcut: the troubleshooter with the message as details, for the clicker or the message's author. */
  loginReportMessage: 'login_report_message',
  /** Internal: the "for me / for the author" choice the message shortcut opens first, and the rating form. */
  messageReportFor: 'login_report_for',
  reporterRatingModal: 'reporter_rating_modal',
  /** App Home's editor of the environment settings (admins only). */
  environmentModal: 'home_environment_modal',
  /** App Home's "Ask for cover" modal (admins only). */
  dutyCoverModal: 'home_duty_cover_modal',
} as const;

export const ActionIds = {
  reportAck: 'report_ack',
  reportResetPassword: 'report_reset_password',
  reportUnlock: 'report_unlock',
  reportResume: 'report_resume',
  reportResolve: 'report_resolve',
  reportReassign: 'report_reassign',
  secretReveal: 'secret_reveal',
  /** Internal: more account actions, the manual "done", and a second admin's approval. */
  reportAssignKintone: 'report_assign_kintone',
  reportManualDone: 'report_manual_done',
  accountActionApprove: 'account_action_approve',
  /** "Verify with SSO" wherever identity is unverified (internal). */
  ssoVerify: 'sso_verify',
  /** App Home's "get help" button (not part of the contract). */
  homeStartReport: 'home_start_report',
  homeDutyToggle: 'home_duty_toggle',
  homeEditShifts: 'home_edit_shifts',
  homeEditEnvironment: 'home_edit_environment',
  /** App Home's self-service kill switch (admins; issue 15). */
  homeSelfServiceStop: 'home_self_service_stop',
  /** The reporter's "Reset it myself now" on the troubleshooter's report step, and its sign-in link (issue 15). */
  selfServiceStart: 'self_service_start',
  selfServiceSignIn: 'self_service_sign_in',
  /** App Home's "Ask for cover" button, and the covering admin's "Decline" in the DM (value = the cover id). */
  homeDutyCover: 'home_duty_cover',
  dutyCoverDecline: 'duty_cover_decline',
  /** Troubleshooter buttons (internal): answers are `tree_answer:<answer id>`. */
  treeAnswerPrefix: 'tree_answer:',
  treeBack: 'tree_back',
  treeFixed: 'tree_fixed',
  treeStuck: 'tree_stuck',
  /** Reporter's DM buttons (internal). */
  reporterBackIn: 'reporter_back_in',
  reporterStillStuck: 'reporter_still_stuck',
  reporterFixedNow: 'reporter_fixed_now',
  /** Message shortcut (internal): the clicker's choice, and the author's answer to a report filed for them. */
  messageReportSelf: 'message_report_self',
  messageReportAuthor: 'message_report_author',
  reporterConfirmSelf: 'reporter_confirm_self',
  reporterNotMe: 'reporter_not_me',
  /** Help-channel answers (internal): open the troubleshooter, "not this"; App Home's switches. */
  listenOpen: 'listen_open',
  listenNotThis: 'listen_not_this',
  homeListenOn: 'home_listen_on',
  homeListenOffPrefix: 'home_listen_off:',
} as const;

/** Block and action ids of the rating form ("are you back in?" → 1–5 and a comment). */
export const RatingForm = {
  score: { block: 'rating_score', action: 'rating_score_input' },
  comment: { block: 'rating_comment', action: 'rating_comment_input' },
} as const;

/** Block and action ids of the report form inside the troubleshooter (internal; tests use them to fill it). */
export const ReportForm = {
  loginName: { block: 'login_name', action: 'login_name_input' },
  details: { block: 'details', action: 'details_input' },
} as const;
