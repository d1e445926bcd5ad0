import type { SlackDispatcher } from '../dispatcher.js';
import { ActionIds, CallbackIds } from '../ids.js';
import type { SlackServices } from '../services.js';
import { approve } from './approve.js';
import { confirm } from './confirm.js';
import { manualDone } from './manual-done.js';
import { openConfirmation } from './open-confirmation.js';
import { reveal } from './reveal.js';

/** Reset password, unlock, resume, assign kintone from the thread; approval; the reporter's one-time reveal; manual "done". */
export function registerAccountActions(dispatcher: SlackDispatcher, s: SlackServices): void {
  dispatcher.action(ActionIds.reportResetPassword, openConfirmation(s, 'reset_password'));
  dispatcher.action(ActionIds.reportUnlock, openConfirmation(s, 'unlock'));
  dispatcher.action(ActionIds.reportResume, openConfirmation(s, 'resume'));
  dispatcher.action(ActionIds.reportAssignKintone, openConfirmation(s, 'assign_kintone'));
  dispatcher.view(CallbackIds.accountActionConfirm, confirm(s));
  dispatcher.action(ActionIds.accountActionApprove, approve(s));
  dispatcher.action(ActionIds.reportManualDone, manualDone(s));
  dispatcher.action(ActionIds.secretReveal, reveal(s));
}
