import type { Translate } from '../../i18n/index.js';
import { ActionIds } from '../ids.js';
import { context, header, plain, section } from './blocks.js';

/** The App Home tab: a way into the troubleshooter for everyone. */
export function homeView(t: Translate) {
  return {
    type: 'home' as const,
    blocks: [
      header(t('home.title')),
      section(t('home.intro')),
      {
        type: 'actions',
        elements: [{ type: 'button', style: 'primary', action_id: ActionIds.homeStartReport, text: plain(t('home.start')) }],
      },
      section(t('home.tips')),
      context(t('home.command_hint')),
    ],
  };
}
