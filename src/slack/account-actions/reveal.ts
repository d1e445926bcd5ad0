import { buttonId } from '../button-value.js';
import type { ActionArgs } from '../dispatcher.js';
import type { RequestContext } from '../request-context.js';
import type { SlackServices } from '../services.js';
import { escapeMrkdwn, plain, section } from '../views/blocks.js';

const REFUSALS = {
  not_found: 'reveal.expired',
  expired: 'reveal.expired',
  already_revealed: 'reveal.already',
  not_yours: 'reveal.not_yours',
} as const;

/** The reporter's one-time reveal of a temporary password, in a modal only they see; erased once shown. */
export function reveal(s: Pick<SlackServices, 'deps' | 'secrets' | 'accountActions'>) {
  return async (args: ActionArgs, ctx: RequestContext): Promise<void> => {
    const { t } = ctx;
    const secretId = buttonId(args);
    if (!s.secrets || secretId === null) return;
    const claim = s.secrets.claim(secretId, ctx.userId, s.deps.clock.now());
    if (claim.kind !== 'revealed') return ctx.replyEphemeral(t(REFUSALS[claim.kind]));
    const loginName = escapeMrkdwn(s.accountActions?.get(claim.secret.actionId)?.targetLoginName ?? '');
    const body = section(t('reveal.body', { loginName, password: claim.plaintext }));
    // The log of a failed open names ids only, never the value.
    const shown = await ctx.openView(
      args.body.trigger_id,
      { type: 'modal', title: plain(t('reveal.title')), close: plain(t('tree.close')), blocks: [body] },
      'the reveal',
    );
    // Not shown: the reporter may press the button again (until it expires).
    if (shown) s.secrets.erase(secretId, s.deps.clock.now());
    else s.secrets.release(secretId);
  };
}
