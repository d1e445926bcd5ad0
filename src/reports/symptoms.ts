/** What the reporter says they see; the guided troubleshooter later narrows this down to a remedy. */
export const SYMPTOMS = [
  'wrong_credentials',
  'forgot_password',
  'locked_out',
  'cannot_log_in',
  'kintone_missing',
  'wrong_url',
  'access_denied',
  'certificate',
  'two_factor',
  'password_expired',
  'sso',
  'other',
] as const;

export type Symptom = (typeof SYMPTOMS)[number];

export function isSymptom(value: unknown): value is Symptom {
  return typeof value === 'string' && (SYMPTOMS as readonly string[]).includes(value);
}
