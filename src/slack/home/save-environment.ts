import type { ViewArgs } from '../dispatcher.js';
import type { RequestContext } from '../request-context.js';
import type { SlackServices } from '../services.js';
import { EnvironmentForm, readEnvironmentForm } from '../views/environment-modal.js';
import { publishHome } from './publish.js';

/** The environment settings form submitted: checked again, validated, saved (audited by the store). */
export function saveEnvironment(s: SlackServices) {
  return async ({ ack, view, client }: ViewArgs, ctx: RequestContext): Promise<void> => {
    const { userId, t } = ctx;
    // Checked again at submission: an admin removed meanwhile (or a forged submission) changes nothing.
    if (!s.roster.isAdmin(userId)) {
      s.deps.logger.warn({ slackUserId: userId }, 'environment settings submission refused: not an admin');
      return ack({ response_action: 'errors', errors: { [EnvironmentForm.lockout]: t('admins.only') } });
    }
    const form = readEnvironmentForm((view.state?.values ?? {}) as never, t);
    if (!form.ok) return ack({ response_action: 'errors', errors: form.errors });
    s.environment.save(form.settings, userId, s.deps.clock.now());
    await ack();
    s.deps.logger.info({ slackUserId: userId }, 'environment settings saved');
    await publishHome(s, client, userId);
  };
}
