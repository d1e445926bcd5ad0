import type { App } from '@slack/bolt';
import type { Logger } from '../logger.js';
import { SlackDispatcher } from './dispatcher.js';
import type { SlackServices } from './services.js';
import { registerAccountActions } from './account-actions/index.js';
import { registerHome } from './home/index.js';
import { registerIdentity } from './identity/index.js';
import { registerIntake } from './intake/index.js';
import { registerReportThread } from './report-thread/index.js';
import { registerSelfService } from './self-service/index.js';
import { registerCommands } from './slash-command.js';
import { registerTroubleshooter } from './troubleshooter/index.js';

/** Wires every feature's handlers into one dispatcher, installed as Bolt's only middleware. */
export function registerListeners(app: App, s: SlackServices, logger: Logger): SlackDispatcher {
  const dispatcher = new SlackDispatcher(logger, s.client, s);
  registerCommands(dispatcher, s);
  registerTroubleshooter(dispatcher, s);
  registerSelfService(dispatcher, s);
  registerReportThread(dispatcher, s);
  registerAccountActions(dispatcher, s);
  registerIdentity(dispatcher, s);
  registerHome(dispatcher, s);
  registerIntake(dispatcher, s);
  app.use(dispatcher.middleware());
  return dispatcher;
}
