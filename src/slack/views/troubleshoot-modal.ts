import { translator, type Locale } from '../../i18n/index.js';
import { canGoBack, current, decodeState, encodeState, render, type WalkState } from '../../troubleshoot/engine.js';
import { factsSchema } from '../../troubleshoot/schema.js';
import type { Facts, LeafNode, QuestionNode, StepCondition, TemplateVars, Tree } from '../../troubleshoot/schema.js';
import { visibleSteps } from '../../troubleshoot/step-conditions.js';
import { ActionIds, CallbackIds, ReportForm } from '../ids.js';
import { button, context, header, plain, section, truncate } from './blocks.js';
import { selfServiceBlocks, type SelfServiceOffer } from './self-service.js';

/** Everything the modal must remember between clicks; it lives in `private_metadata`, so restarts lose nothing. */
export interface WalkMetadata {
  walkId: number;
  state: WalkState;
  facts: Facts;
  /** On the report step of a self-help leaf ("still stuck"). */
  reporting: boolean;
  /** Login name offered as the default (the directory found the account by e-mail). */
  loginName?: string;
  /**
   * Shown only ("reporting for @author"): who the walk is for is what the server recorded on the walk
   * (`walks.on_behalf_of`), never this.
   */
  onBehalfOf?: string;
  /** The report's details to start with (the message the shortcut was used on). */
  details?: string;
}

/** Slack's limit for private_metadata. */
const METADATA_MAX = 3000;

export function encodeMetadata(m: WalkMetadata): string {
  const encode = (details: string | undefined) =>
    JSON.stringify({
      w: m.walkId,
      s: encodeState(m.state),
      f: m.facts,
      r: m.reporting ? 1 : 0,
      l: m.loginName,
      o: m.onBehalfOf,
      d: details,
    });
  let details = m.details;
  let encoded = encode(details);
  // A long message as details: shorten it (visibly) until everything fits.
  while (encoded.length > METADATA_MAX && details) {
    details = truncate(details, Math.floor([...details].length * 0.8));
    encoded = encode(details);
  }
  return encoded;
}

/** Reads the metadata back; throws on anything malformed or not matching the tree (tampering, an old tree). */
export function decodeMetadata(tree: Tree, raw: string): WalkMetadata {
  const parsed = JSON.parse(raw) as {
    w?: unknown;
    s?: unknown;
    f?: unknown;
    r?: unknown;
    l?: unknown;
    o?: unknown;
    d?: unknown;
  };
  if (typeof parsed.w !== 'number' || !Number.isInteger(parsed.w) || typeof parsed.s !== 'string')
    throw new Error('malformed walk metadata');
  return {
    walkId: parsed.w,
    state: decodeState(tree, parsed.s),
    facts: factsSchema.parse(parsed.f ?? {}),
    reporting: parsed.r === 1,
    ...(typeof parsed.l === 'string' ? { loginName: parsed.l } : {}),
    ...(typeof parsed.o === 'string' && /^[UW][A-Z0-9]+$/.test(parsed.o) ? { onBehalfOf: parsed.o } : {}),
    ...(typeof parsed.d === 'string' ? { details: parsed.d.slice(0, 2000) } : {}),
  };
}

export interface TroubleshootViewInput {
  tree: Tree;
  meta: WalkMetadata;
  locale: Locale;
  vars: TemplateVars;
  /** Which conditional leaf steps apply (environment settings and facts; see step-conditions.ts). */
  conditions: ReadonlySet<StepCondition>;
  /** Single sign-on is configured and the user has not verified: offer it on the report step. */
  offerSso?: boolean;
  /** Self-service on the report step (issue 15): the button, the sign-in link, or why not. */
  selfService?: SelfServiceOffer | undefined;
}

/** One step of the troubleshooter: a question with its answers, a self-help leaf, or the report form. */
export function troubleshootModal({
  tree,
  meta,
  locale,
  vars,
  conditions,
  offerSso,
  selfService,
}: TroubleshootViewInput) {
  const t = translator(locale);
  const node = current(tree, meta.state);
  const blocks: unknown[] =
    node.kind === 'question' ? questionBlocks(node, locale, vars) : leafBlocks(node, locale, vars, conditions, t);
  if (meta.onBehalfOf) blocks.unshift(context(t('intake.walking_for', { author: meta.onBehalfOf })));
  const reporting = node.kind === 'leaf' && (node.outcome === 'needs_admin' || meta.reporting);
  if (reporting) {
    blocks.push(...reportFormBlocks(meta.loginName, t, meta.details));
    if (selfService) blocks.push(...selfServiceBlocks(selfService, t));
    if (offerSso)
      blocks.push({
        type: 'actions',
        block_id: 'sso',
        elements: [
          { type: 'button', action_id: ActionIds.ssoVerify, text: plain(t('verify.button')), value: 'verify' },
        ],
      });
  } else if (node.kind === 'leaf') {
    blocks.push({
      type: 'actions',
      block_id: 'tree_outcome',
      elements: [
        button(ActionIds.treeFixed, t('tree.fixed'), 'fixed', 'primary'),
        { type: 'button', action_id: ActionIds.treeStuck, text: plain(t('tree.stuck')), value: 'stuck' },
      ],
    });
  }
  if (canGoBack(meta.state) || meta.reporting) {
    blocks.push({
      type: 'actions',
      block_id: 'tree_nav',
      elements: [{ type: 'button', action_id: ActionIds.treeBack, text: plain(t('tree.back')), value: 'back' }],
    });
  }
  return {
    type: 'modal' as const,
    callback_id: CallbackIds.loginReport,
    notify_on_close: true,
    private_metadata: encodeMetadata(meta),
    title: plain(truncate(t('tree.title'), 24)),
    close: plain(t('tree.close')),
    ...(reporting ? { submit: plain(t('tree.send')) } : {}),
    blocks,
  };
}

function questionBlocks(node: QuestionNode, locale: Locale, vars: TemplateVars): unknown[] {
  const blocks: unknown[] = [section(`*${render(node.text, locale, vars)}*`)];
  if (node.help) blocks.push(context(render(node.help, locale, vars)));
  blocks.push({
    type: 'actions',
    block_id: `tree_answers_${node.id}`,
    elements: node.answers.map((a) =>
      button(`${ActionIds.treeAnswerPrefix}${a.id}`, truncate(render(a.label, locale, vars), 75), a.id),
    ),
  });
  return blocks;
}

function leafBlocks(
  node: LeafNode,
  locale: Locale,
  vars: TemplateVars,
  conditions: ReadonlySet<StepCondition>,
  t: ReturnType<typeof translator>,
): unknown[] {
  const steps = visibleSteps(node.steps, conditions)
    .map((step, i) => `${i + 1}. ${render(step, locale, vars)}`)
    .join('\n');
  return [
    header(render(node.title, locale, vars)),
    section(`${node.outcome === 'self_help' ? t('tree.steps') : t('tree.next_steps')}\n${steps}`),
  ];
}

function reportFormBlocks(
  loginName: string | undefined,
  t: ReturnType<typeof translator>,
  details?: string,
): unknown[] {
  return [
    { type: 'divider' },
    context(t('tree.report_intro')),
    {
      type: 'input',
      block_id: ReportForm.loginName.block,
      label: plain(t('modal.login_name.label')),
      hint: plain(t('modal.login_name.hint')),
      element: {
        type: 'plain_text_input',
        action_id: ReportForm.loginName.action,
        max_length: 128,
        placeholder: plain(t('modal.login_name.placeholder')),
        ...(loginName ? { initial_value: loginName } : {}),
      },
    },
    {
      type: 'input',
      block_id: ReportForm.details.block,
      optional: true,
      label: plain(t('modal.details.label')),
      element: {
        type: 'plain_text_input',
        action_id: ReportForm.details.action,
        multiline: true,
        max_length: 2000,
        placeholder: plain(t('modal.details.placeholder')),
        ...(details ? { initial_value: truncate(details, 2000) } : {}),
      },
    },
  ];
}

/** The last screen: fixed, or sent (the modal is replaced, so a second submit has nothing to submit). */
export function troubleshootDoneModal(text: string, locale: Locale) {
  const t = translator(locale);
  return {
    type: 'modal' as const,
    callback_id: 'login_report_done',
    title: plain(truncate(t('tree.title'), 24)),
    close: plain(t('tree.close')),
    blocks: [section(text)],
  };
}
