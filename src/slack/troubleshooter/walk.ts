import type { WebClient } from '@slack/web-api';
import type { Locale } from '../../i18n/index.js';
import { current, encodeState, start, type WalkState } from '../../troubleshoot/engine.js';
import { reportRemedy } from '../../troubleshoot/schema.js';
import { buildTemplateVars, settingsFacts } from '../../troubleshoot/template-vars.js';
import { stepConditions } from '../../troubleshoot/step-conditions.js';
import { timedUnlockMinutes } from '../../settings/environment-settings.js';
import { loginTree } from '../../troubleshoot/tree.js';
import { WalkStore } from '../../troubleshoot/walk-store.js';
import type { SlackServices } from '../services.js';
import type { SelfServiceOffer } from '../views/self-service.js';
import { troubleshootModal, type WalkMetadata } from '../views/troubleshoot-modal.js';

/** The one decision tree the troubleshooter walks. */
export const tree = loginTree;

/** The troubleshooter as it stands; `selfService` replaces the default offer (after "Reset it myself now"). */
export function troubleshootView(
  s: SlackServices,
  meta: WalkMetadata,
  locale: Locale,
  slackUserId: string,
  selfService?: SelfServiceOffer,
) {
  const settings = s.environment.get();
  return troubleshootModal({
    tree,
    meta,
    locale,
    vars: buildTemplateVars(
      { baseUrl: s.deps.config.cybozu?.baseUrl, lockoutMinutes: timedUnlockMinutes(settings) ?? undefined },
      locale,
    ),
    conditions: stepConditions(settings, meta.facts),
    offerSso: s.sso !== null && s.sso.identityOf(slackUserId) === null,
    selfService: selfService ?? selfServiceOffer(s, meta),
  });
}
const view = troubleshootView;

/** The report step of a leaf whose remedy self-service may fix, while admins have it switched on. */
function selfServiceOffer(s: SlackServices, meta: WalkMetadata): SelfServiceOffer | undefined {
  const node = current(tree, meta.state);
  if (node.kind !== 'leaf' || !(node.outcome === 'needs_admin' || meta.reporting)) return undefined;
  const remedy = reportRemedy(node);
  return s.selfService?.offered(remedy) ? { kind: 'button', remedy } : undefined;
}

/** Who a walk is for and what its report form starts with (the message shortcut). */
export interface WalkFor {
  /** A message's author the walker reports for: their e-mail finds the account, and they become the reporter. */
  onBehalfOf?: string;
  /** The message's text, offered as the report's details. */
  details?: string;
}

/**
 * Opens the troubleshooter on its first question (the trigger expires in ~3 s, so before anything slow), then
 * asks the directory about the user's account and, when the facts answer questions, moves the modal on.
 */
export async function openTroubleshooter(
  s: SlackServices,
  client: WebClient,
  userId: string,
  triggerId: string,
  walkFor: WalkFor = {},
): Promise<boolean> {
  const walk = new WalkStore(s.deps.db).start({
    slackUserId: userId,
    locale: await s.profiles.locale(userId),
    path: '',
    now: s.deps.clock.now(),
    ...(walkFor.onBehalfOf ? { onBehalfOf: walkFor.onBehalfOf } : {}),
  });
  return showTroubleshooter(
    s,
    userId,
    walk.id,
    walkFor,
    async (view) => (await client.views.open({ trigger_id: triggerId, view: view as never })).view,
  );
}

/**
 * Shows the first question of a walk already recorded (`show` opens a modal or replaces one), then fills in what
 * the directory knows about the reporter's account: the walker's own, or the author's when walking for them.
 */
export async function showTroubleshooter(
  s: SlackServices,
  userId: string,
  walkId: number,
  walkFor: WalkFor,
  show: (view: unknown) => Promise<{ id?: string; hash?: string } | undefined>,
): Promise<boolean> {
  const { deps } = s;
  const walker = await s.profiles.get(userId);
  const reporter = walkFor.onBehalfOf ? await s.profiles.get(walkFor.onBehalfOf) : walker;
  const walks = new WalkStore(deps.db);
  const settings = s.environment.get();
  const fromSettings = settingsFacts({
    selfReset: settings.selfReset,
    lockoutReleasedByTime: timedUnlockMinutes(settings) !== null,
  });
  const initial = start(tree, fromSettings);
  walks.progress({ id: walkId, slackUserId: userId, path: encodeState(initial), leafId: null, now: deps.clock.now() });
  const meta: WalkMetadata = {
    walkId,
    state: initial,
    facts: fromSettings,
    reporting: false,
    ...(walkFor.onBehalfOf ? { onBehalfOf: walkFor.onBehalfOf } : {}),
    ...(walkFor.details ? { details: walkFor.details } : {}),
  };
  let opened: Awaited<ReturnType<typeof show>>;
  try {
    opened = await show(view(s, meta, walker.locale, userId));
  } catch (error) {
    deps.logger.warn({ slackUserId: userId, err: (error as Error).message }, 'the troubleshooter could not be shown');
    return false;
  }
  if (!s.accountFacts || !reporter.email) return true;
  try {
    const known = await s.accountFacts(reporter.email);
    if (Object.keys(known.facts).length === 0 && !known.loginName) return true;
    const facts = { ...known.facts, ...fromSettings };
    const withFacts: WalkMetadata = {
      ...meta,
      state: start(tree, facts),
      facts,
      ...(known.loginName ? { loginName: known.loginName } : {}),
    };
    walks.progress({
      id: walkId,
      slackUserId: userId,
      path: encodeState(withFacts.state),
      leafId: leafIdOf(withFacts.state),
      facts,
      now: deps.clock.now(),
    });
    // `hash` makes Slack refuse the update if the user already moved on: their answer wins.
    await s.client.views.update({
      view_id: opened?.id ?? '',
      hash: opened?.hash ?? '',
      view: view(s, withFacts, walker.locale, userId) as never,
    });
  } catch (error) {
    deps.logger.info(
      { slackUserId: userId, err: (error as Error).message },
      'troubleshooter continues without directory facts',
    );
  }
  return true;
}

/** The leaf a walk stands on, if it stands on one (what the walk records). */
export function leafIdOf(state: WalkState): string | null {
  const node = current(tree, state);
  return node.kind === 'leaf' ? node.id : null;
}
