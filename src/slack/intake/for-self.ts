import type { SlackServices } from '../services.js';
import { chooseForWhom } from './for-whom.js';

/** "It is my problem": the troubleshooter for the clicker, with the message's text as details. */
export function reportForSelf(s: SlackServices) {
  return chooseForWhom(s, false);
}
