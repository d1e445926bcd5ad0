import type { App } from '@slack/bolt';
import type { Logger } from '../../logger.js';
import { SlackDispatcher } from '../dispatcher.js';
import type { SlackServices } from '../services.js';
import { registerAccountActions } from './account-actions.js';
import { registerCommands } from '../slash-command.js';
import { registerHome } from '../home/index.js';
import { registerIdentity } from './identity.js';
import { registerIntake } from '../intake/index.js';
import { registerReportThread } from './report-thread.js';
import { registerSelfService } from './self-service.js';
import { registerTroubleshooter } from '../troubleshooter/index.js';

/** Wires every handler into one router, installed as Bolt's only middleware. */
export function registerListeners(app: App, s: SlackServices, logger: Logger): SlackDispatcher {
  const router = new SlackDispatcher(logger, s.client, s);
  registerCommands(router, s);
  registerTroubleshooter(router, s);
  registerSelfService(router, s);
  registerReportThread(router, s);
  registerAccountActions(router, s);
  registerIdentity(router, s);
  registerHome(router, s);
  registerIntake(router, s);
  app.use(router.middleware());
  return router;
}
