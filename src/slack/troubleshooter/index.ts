import type { SlackDispatcher } from '../dispatcher.js';
import { ActionIds, CallbackIds } from '../ids.js';
import type { SlackServices } from '../services.js';
import { answerQuestion } from './answer.js';
import { goBack } from './back.js';
import { troubleshooterClosed } from './closed.js';
import { itWorks } from './fixed.js';
import { openFromShortcut } from './open.js';
import { stillStuck } from './stuck.js';
import { submitTroubleshooterReport } from './submit-report.js';

export { openTroubleshooter, showTroubleshooter, troubleshootView, type WalkFor } from './walk.js';

/** The troubleshooter modal: opened by the shortcut (and `/kintone-login`, App Home, help channels), walked, reported. */
export function registerTroubleshooter(dispatcher: SlackDispatcher, s: SlackServices): void {
  dispatcher.shortcut(CallbackIds.loginReport, openFromShortcut(s));
  dispatcher.actionPrefix(ActionIds.treeAnswerPrefix, answerQuestion(s));
  dispatcher.action(ActionIds.treeBack, goBack(s));
  dispatcher.action(ActionIds.treeStuck, stillStuck(s));
  dispatcher.action(ActionIds.treeFixed, itWorks(s));
  dispatcher.view(CallbackIds.loginReport, submitTroubleshooterReport(s));
  dispatcher.viewClosed(CallbackIds.loginReport, troubleshooterClosed(s));
}
