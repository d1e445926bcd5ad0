import type { SlackDispatcher } from '../dispatcher.js';
import { ActionIds } from '../ids.js';
import type { SlackServices } from '../services.js';
import { selfServiceStart } from './start.js';

/** The reporter fixes their own account from the troubleshooter (issue 15). */
export function registerSelfService(dispatcher: SlackDispatcher, s: SlackServices): void {
  dispatcher.action(ActionIds.selfServiceStart, selfServiceStart(s));
  // The sign-in button opens the browser; Slack still reports the click (the dispatcher acknowledges it).
  dispatcher.action(ActionIds.selfServiceSignIn, async () => {});
}
