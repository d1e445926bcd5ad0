import type { SlackDispatcher } from '../dispatcher.js';
import { ActionIds, CallbackIds } from '../ids.js';
import type { SlackServices } from '../services.js';
import { answerChannelMessage } from './channel-message.js';
import { confirmReporter } from './confirm-reporter.js';
import { reportForAuthor } from './for-author.js';
import { reportForSelf } from './for-self.js';
import { forWhomClosed } from './for-whom-closed.js';
import { dismissChannelReply } from './listen-not-this.js';
import { openFromChannel } from './listen-open.js';
import { reportFromMessage } from './message-shortcut.js';
import { reporterNotMe } from './not-me.js';

export { appMembership, switchListening, type Membership } from './switch-listening.js';

/**
 * Ways in besides the shortcut: the message shortcut (for the clicker or the message's author, who then answers
 * "this is me / not me"), and help channels where a message about kintone login gets the troubleshooter offered.
 */
export function registerIntake(dispatcher: SlackDispatcher, s: SlackServices): void {
  dispatcher.messageShortcut(CallbackIds.loginReportMessage, reportFromMessage(s));
  dispatcher.action(ActionIds.messageReportSelf, reportForSelf(s));
  dispatcher.action(ActionIds.messageReportAuthor, reportForAuthor(s));
  dispatcher.viewClosed(CallbackIds.messageReportFor, forWhomClosed(s));
  dispatcher.action(ActionIds.reporterConfirmSelf, confirmReporter(s));
  dispatcher.action(ActionIds.reporterNotMe, reporterNotMe(s));
  dispatcher.channelMessage(answerChannelMessage(s));
  dispatcher.action(ActionIds.listenOpen, openFromChannel(s));
  dispatcher.action(ActionIds.listenNotThis, dismissChannelReply(s));
}
