import type { SlackDispatcher } from '../dispatcher.js';
import { ActionIds, CallbackIds } from '../ids.js';
import type { SlackServices } from '../services.js';
import { declineCover } from './decline-cover.js';
import { toggleDuty } from './duty-toggle.js';
import { editEnvironment } from './edit-environment.js';
import { editShifts } from './edit-shifts.js';
import { listenOff } from './listen-off.js';
import { listenOn } from './listen-on.js';
import { openCover } from './open-cover.js';
import { homeOpened } from './opened.js';
import { saveEnvironment } from './save-environment.js';
import { saveShifts } from './save-shifts.js';
import { startReport } from './start-report.js';
import { stopSelfService } from './stop-self-service.js';
import { submitCover } from './submit-cover.js';

export { publishHome } from './publish.js';

/** App Home: everyone's reports and "report a problem"; admins' duty, shifts, covers, settings and help channels. */
export function registerHome(dispatcher: SlackDispatcher, s: SlackServices): void {
  dispatcher.appHomeOpened(homeOpened(s));
  dispatcher.action(ActionIds.homeStartReport, startReport(s));
  dispatcher.action(ActionIds.homeDutyToggle, toggleDuty(s));
  dispatcher.action(ActionIds.homeEditShifts, editShifts(s));
  dispatcher.view('home_shifts_modal', saveShifts(s));
  dispatcher.action(ActionIds.homeDutyCover, openCover(s));
  dispatcher.view(CallbackIds.dutyCoverModal, submitCover(s));
  dispatcher.action(ActionIds.dutyCoverDecline, declineCover(s));
  dispatcher.action(ActionIds.homeEditEnvironment, editEnvironment(s));
  dispatcher.view(CallbackIds.environmentModal, saveEnvironment(s));
  dispatcher.action(ActionIds.homeSelfServiceStop, stopSelfService(s));
  dispatcher.action(ActionIds.homeListenOn, listenOn(s));
  dispatcher.actionPrefix(ActionIds.homeListenOffPrefix, listenOff(s));
}
