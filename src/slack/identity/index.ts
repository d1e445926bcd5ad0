import type { SlackDispatcher } from '../dispatcher.js';
import { ActionIds } from '../ids.js';
import type { SlackServices } from '../services.js';
import { ssoVerify } from './verify.js';

/** "Verify with SSO" buttons, wherever they are shown. */
export function registerIdentity(dispatcher: SlackDispatcher, s: SlackServices): void {
  dispatcher.action(ActionIds.ssoVerify, ssoVerify(s));
  // The link button itself opens the browser; Slack still reports the click (the dispatcher acknowledges it).
  dispatcher.action('sso_open_link', async () => {});
}
