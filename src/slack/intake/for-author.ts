import type { SlackServices } from '../services.js';
import { chooseForWhom } from './for-whom.js';

/** "It is the author's problem": the troubleshooter about the author's account; they become the reporter. */
export function reportForAuthor(s: SlackServices) {
  return chooseForWhom(s, true);
}
