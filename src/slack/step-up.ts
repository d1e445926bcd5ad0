import { adminStepUpSatisfied } from '../identity/oidc.js';
import type { Translate } from '../i18n/index.js';
import type { SlackServices } from './services.js';
import { ssoLinkBlocks } from './sso-link.js';
import { section } from './views/blocks.js';

/** What the step-up check and its sign-in link read. */
export type StepUpServices = Pick<SlackServices, 'deps' | 'sso' | 'roster'>;

/**
 * Admin step-up (OIDC_ADMIN_GROUP): roster membership alone is not enough for a privileged change; the admin
 * must have signed in through single sign-on recently with that group. True when no step-up is configured.
 */
export function adminSteppedUp(s: StepUpServices, userId: string): boolean {
  const oidc = s.deps.config.oidc;
  if (!oidc?.adminGroup || !s.sso) return true;
  return adminStepUpSatisfied(s.sso.identityOf(userId), {
    group: oidc.adminGroup,
    windowMs: oidc.stepUpHours * 3_600_000,
    now: s.deps.clock.now(),
  });
}

/** What to show instead of the change: the reason and a sign-in link (may ask the provider: call after ack). */
export async function adminStepUpPrompt(
  s: StepUpServices,
  userId: string,
  t: Translate,
): Promise<{ text: string; blocks: unknown[] }> {
  const oidc = s.deps.config.oidc!;
  const link = await ssoLinkBlocks(s, userId, t);
  const text = t('confirm.step_up', { hours: oidc.stepUpHours, group: oidc.adminGroup ?? '' });
  return { text, blocks: [section(text), ...link.blocks.slice(1)] };
}

/** adminSteppedUp, and when not, the prompt to show. */
export async function adminStepUpNeeded(
  s: StepUpServices,
  userId: string,
  t: Translate,
): Promise<{ text: string; blocks: unknown[] } | null> {
  return adminSteppedUp(s, userId) ? null : adminStepUpPrompt(s, userId, t);
}
