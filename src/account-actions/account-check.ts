import { DirectoryError } from '../directory/errors.js';
import { BUILT_IN_ADMINISTRATOR_LOGIN } from '../directory/port.js';
import type { Report } from '../../db/schema.js';
import type { Directory, DirectoryUser } from '../directory/port.js';
import { reporterIdentityVerified, type LinkedIdentity } from '../identity/oidc.js';

/** Actions that call the User API. `unlock` is a password reset: that is how cybozu.com admins unlock. */
export type ApiActionKind = 'reset_password' | 'unlock' | 'resume' | 'assign_kintone';
export const API_ACTION_KINDS: readonly ApiActionKind[] = ['reset_password', 'unlock', 'resume', 'assign_kintone'];

/** How the reporter was shown to own the account, before an admin vouches for them. */
export type IdentityProof = 'sso' | 'email_match' | 'unverified';

/** The live facts about the report's account that decide what the confirmation says and whether it may run. */
export interface AccountCheck {
  user: DirectoryUser;
  administrator: boolean;
  hasKintone: boolean;
  /** The reporter's Slack e-mail, shown to the admin beside the account's. */
  slackEmail: string | null;
  proof: IdentityProof;
}

/** What the reporter looks like from Slack and single sign-on (read by the caller; no Slack types here). */
export interface ReporterFacts {
  slackEmail: string | null;
  sso: Pick<LinkedIdentity, 'email' | 'emailVerified'> | null;
}

/** Account actions run only while someone is working on the report: not once it was resolved or withdrawn. */
export function isLive(report: Pick<Report, 'state'>): boolean {
  return report.state === 'open' || report.state === 'acknowledged';
}

/**
 * Filed for someone from their message by someone else: nothing is changed on their account until they confirmed,
 * from their DM, that the report is theirs.
 */
export function awaitsReporter(report: Pick<Report, 'filedBySlackId' | 'reporterConfirmedAt'>): boolean {
  return report.filedBySlackId !== null && report.reporterConfirmedAt === null;
}

/** Account actions (and their approvals and records) run only on a live report its reporter stands behind. */
export function mayChangeAccount(report: Pick<Report, 'state' | 'filedBySlackId' | 'reporterConfirmedAt'>): boolean {
  return isLive(report) && !awaitsReporter(report);
}

/** The one account action a report asks for (its remedy), or null when its remedy has no API. */
export function apiActionFor(report: Pick<Report, 'remedy'>): ApiActionKind | null {
  return (API_ACTION_KINDS as readonly string[]).includes(report.remedy) ? (report.remedy as ApiActionKind) : null;
}

/** Password resets and unlocks hand the reporter a password: they need the key that seals it. */
export function deliversPassword(kind: string): boolean {
  return kind === 'reset_password' || kind === 'unlock';
}

/**
 * Reads the account as it is now (null when it does not exist). Throws the directory's errors. Single sign-on
 * first (strongest), then a matching Slack e-mail; otherwise the reporter is unverified and an admin must vouch.
 */
export async function checkAccount(
  directory: Directory,
  loginName: string,
  reporter: ReporterFacts,
): Promise<AccountCheck | null> {
  const user = await directory.findByLoginName(loginName);
  if (!user) return null;
  const [administrator, services] = await Promise.all([
    directory.isAdministrator(user.loginName),
    directory.services(user.loginName),
  ]);
  const emailMatches = Boolean(
    reporter.slackEmail && user.email && reporter.slackEmail.trim().toLowerCase() === user.email.trim().toLowerCase(),
  );
  const proof: IdentityProof = reporterIdentityVerified(reporter.sso, user.email)
    ? 'sso'
    : emailMatches
      ? 'email_match'
      : 'unverified';
  // The services API does not list the built-in Administrator: never offer to assign it kintone.
  const hasKintone = user.loginName === BUILT_IN_ADMINISTRATOR_LOGIN || services.includes('kintone');
  return { user, administrator, hasKintone, slackEmail: reporter.slackEmail, proof };
}

/** Why this action makes no sense for this account right now, if it does not. */
export function nothingToDo(kind: ApiActionKind, check: AccountCheck): 'already_active' | 'has_kintone' | null {
  if (kind === 'resume' && check.user.active) return 'already_active';
  if (kind === 'assign_kintone' && check.hasKintone) return 'has_kintone';
  return null;
}

/** checkAccount for a report's own account (the target is always the report's login name); directory errors are returned, not thrown. */
export async function checkReportAccount(
  directory: Directory,
  report: Pick<Report, 'loginName'>,
  reporter: ReporterFacts,
): Promise<AccountCheck | null | DirectoryError> {
  try {
    return await checkAccount(directory, report.loginName, reporter);
  } catch (error) {
    if (error instanceof DirectoryError) return error;
    throw error;
  }
}

/** What a confirmed action records as the reporter's identity: the proof, or the admin's word when nothing proved it. */
export function confirmedIdentity(proof: IdentityProof): 'sso' | 'email_match' | 'admin_confirmed' {
  return proof === 'unverified' ? 'admin_confirmed' : proof;
}

/**
 * What a confirmed unlock does with the admin's choice: "wait" exists only while lockouts end by time (the settings
 * may have changed since the modal opened); without a choice, a modal with no "wait" confirmed the reset, otherwise
 * nothing destructive happens.
 */
export function unlockDecision(
  choice: string | undefined,
  timedUnlock: boolean,
): 'reset' | 'ask_to_wait' | 'no_timed_unlock' {
  if (choice === 'wait' && !timedUnlock) return 'no_timed_unlock';
  if (choice !== 'reset' && timedUnlock) return 'ask_to_wait';
  return 'reset';
}
