import type { SlackDispatcher } from '../dispatcher.js';
import { ActionIds, CallbackIds } from '../ids.js';
import type { SlackServices } from '../services.js';
import { acknowledge } from './acknowledge.js';
import { rating } from './rating.js';
import { reassign } from './reassign.js';
import { reassignSubmit } from './reassign-submit.js';
import { reporterAnswer } from './reporter-answer.js';
import { reporterBackIn } from './reporter-back-in.js';
import { resolve } from './resolve.js';
import { resolveSubmit } from './resolve-submit.js';

/** The root message's buttons (admins only, checked at the click and at the submission) and the reporter's DM buttons. */
export function registerReportThread(dispatcher: SlackDispatcher, s: SlackServices): void {
  dispatcher.action(ActionIds.reportAck, acknowledge(s));
  dispatcher.action(ActionIds.reportReassign, reassign());
  dispatcher.view(CallbackIds.reassignModal, reassignSubmit(s));
  dispatcher.action(ActionIds.reportResolve, resolve());
  dispatcher.view(CallbackIds.resolveModal, resolveSubmit(s));
  dispatcher.action(ActionIds.reporterBackIn, reporterBackIn(s));
  dispatcher.action(ActionIds.reporterStillStuck, reporterAnswer(s, 'reopen', 'dm.reopened'));
  dispatcher.action(ActionIds.reporterFixedNow, reporterAnswer(s, 'cancel', 'dm.cancelled'));
  dispatcher.view(CallbackIds.reporterRatingModal, rating(s));
}
