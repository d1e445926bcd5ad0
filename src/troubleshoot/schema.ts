/**
 * Shape of the guided troubleshooter's decision tree (data, validated with zod) and the types the engine,
 * lint and diagram share. No Slack types here: the app renders nodes into Block Kit itself.
 */
import { z } from 'zod';

export const LOCALES = ['ja', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** Placeholders a Text may use; the app fills them with `render()` (see template-vars.ts). */
export const PLACEHOLDERS = ['loginUrl', 'kintoneUrl', 'resetUrl', 'forgotUrl', 'lockoutMinutes'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type TemplateVars = Partial<Record<Placeholder, string | number>>;

/** What an admin is asked to do. Mirrors the report's remedy and the admin action buttons. */
export const REMEDIES = [
  'reset_password',
  'unlock',
  'resume',
  'assign_kintone',
  'disable_two_factor',
  'reissue_certificate',
  'ip_allow_list',
  'sso',
  'contract',
  'other',
] as const;
export type Remedy = (typeof REMEDIES)[number];

/**
 * Account facts from the cybozu directory, and the environment's settings (`lockout_released_by_time`;
 * `email_usable_for_reset` is also "no" when self-reset is off). Optional: the walk works without them.
 */
export const FACT_KEYS = [
  'account_exists',
  'account_active',
  'kintone_assigned',
  'email_usable_for_reset',
  'lockout_released_by_time',
] as const;
export type FactKey = (typeof FACT_KEYS)[number];
export const FACT_VALUES = ['yes', 'no'] as const;
export type FactValue = (typeof FACT_VALUES)[number];
export type Facts = Partial<Record<FactKey, FactValue>>;

/** Slack button text is limited to 75 characters. */
export const MAX_LABEL_LENGTH = 75;
export const MIN_ANSWERS = 2;
export const MAX_ANSWERS = 6;

/** Node and answer ids: lower_snake_case, so encoded walk states need no escaping. */
export const ID_PATTERN = /^[a-z][a-z0-9_]*$/;

const idSchema = z.string().regex(ID_PATTERN, 'must be lower_snake_case (a-z, 0-9, _; starting with a letter)');
const nonEmpty = z
  .string()
  .refine((s) => s.trim().length > 0, 'must not be empty')
  .refine((s) => s === s.trim(), 'must not start or end with white space');

export const textSchema = z.strictObject({ ja: nonEmpty, en: nonEmpty });
export type Text = z.infer<typeof textSchema>;

const labelText = nonEmpty.refine(
  (s) => s.length <= MAX_LABEL_LENGTH,
  `button labels are at most ${MAX_LABEL_LENGTH} characters`,
);
export const labelSchema = z.strictObject({ ja: labelText, en: labelText });

export const remedySchema = z.enum(REMEDIES);
export const factKeySchema = z.enum(FACT_KEYS);
export const factValueSchema = z.enum(FACT_VALUES);
export const factsSchema = z.partialRecord(factKeySchema, factValueSchema);

export const answerSchema = z.strictObject({
  id: idSchema,
  label: labelSchema,
  /** id of the node this answer leads to */
  next: idSchema,
});
export type Answer = z.infer<typeof answerSchema>;

export const questionSchema = z.strictObject({
  kind: z.literal('question'),
  id: idSchema,
  text: textSchema,
  help: textSchema.optional(),
  answers: z.array(answerSchema).min(MIN_ANSWERS).max(MAX_ANSWERS),
  /** When this directory fact is known and `factAnswers` maps its value, the engine answers for the user. */
  fact: factKeySchema.optional(),
  /** fact value → answer id of this question */
  factAnswers: z.partialRecord(factValueSchema, idSchema).optional(),
});
export type QuestionNode = z.infer<typeof questionSchema>;

/**
 * What a leaf step can depend on, evaluated by the app from the environment settings and the facts
 * (step-conditions.ts): `self_reset` — the 「ログインでお困りですか?」 e-mail reset can work for this user;
 * `saml_required` — SAML authentication is required; `saml_admin_password_login` — and password login stays open to
 * common administrators; `forced_change` — cybozu asks for a new password after an admin set one;
 * `change_yourself` — it does not, but users may change their password themselves.
 */
export const STEP_CONDITIONS = [
  'self_reset',
  'saml_required',
  'saml_admin_password_login',
  'forced_change',
  'change_yourself',
] as const;
export type StepCondition = (typeof STEP_CONDITIONS)[number];

/** A leaf step: shown only while `when` holds, and only while `unless` does not (each optional). */
export const leafStepSchema = z.strictObject({
  ja: nonEmpty,
  en: nonEmpty,
  when: z.enum(STEP_CONDITIONS).optional(),
  unless: z.enum(STEP_CONDITIONS).optional(),
});
export type LeafStep = z.infer<typeof leafStepSchema>;

export const selfHelpLeafSchema = z.strictObject({
  kind: z.literal('leaf'),
  id: idSchema,
  outcome: z.literal('self_help'),
  title: textSchema,
  steps: z.array(leafStepSchema).min(1),
  /** What the report asks an admin for when the user presses "still stuck" (default: other). */
  stillStuckRemedy: remedySchema.optional(),
});
export type SelfHelpLeaf = z.infer<typeof selfHelpLeafSchema>;

export const needsAdminLeafSchema = z.strictObject({
  kind: z.literal('leaf'),
  id: idSchema,
  outcome: z.literal('needs_admin'),
  title: textSchema,
  /** What happens next and what the admin will do. */
  steps: z.array(leafStepSchema).min(1),
  remedy: remedySchema,
});
export type NeedsAdminLeaf = z.infer<typeof needsAdminLeafSchema>;

export const leafSchema = z.discriminatedUnion('outcome', [selfHelpLeafSchema, needsAdminLeafSchema]);
export type LeafNode = z.infer<typeof leafSchema>;

export const nodeSchema = z.discriminatedUnion('kind', [questionSchema, leafSchema]);
export type TreeNode = z.infer<typeof nodeSchema>;

export const treeSchema = z.strictObject({
  rootId: idSchema,
  nodes: z.array(nodeSchema).min(1),
});
export type Tree = z.infer<typeof treeSchema>;

/** The remedy a report from this leaf asks for: the admin leaf's remedy, or a self-help leaf's "still stuck" one. */
export function reportRemedy(leaf: LeafNode): Remedy {
  return leaf.outcome === 'needs_admin' ? leaf.remedy : (leaf.stillStuckRemedy ?? 'other');
}
