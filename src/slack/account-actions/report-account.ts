import type { AccountAction, Report } from '../../../db/schema.js';
import { checkReportAccount, type AccountCheck, type ReporterFacts } from '../../account-actions/account-check.js';
import type { DirectoryError } from '../../directory/errors.js';
import type { Logger } from '../../logger.js';
import type { SlackServices } from '../services.js';

/** What Slack and single sign-on say about the reporter: the facts the account check weighs. */
export async function reporterFacts(
  s: Pick<SlackServices, 'profiles' | 'sso'>,
  reporterSlackId: string,
): Promise<ReporterFacts> {
  const reporter = await s.profiles.get(reporterSlackId);
  return { slackEmail: reporter.email, sso: s.sso?.identityOf(reporterSlackId) ?? null };
}

/** The report's account as it is now (only called once `accountActions` exists, i.e. with a directory). */
export async function readReportAccount(
  s: Pick<SlackServices, 'directory' | 'profiles' | 'sso'>,
  report: Report,
): Promise<AccountCheck | null | DirectoryError> {
  return checkReportAccount(s.directory!, report, await reporterFacts(s, report.reporterSlackId));
}

/** Runs a started action and wakes the outbox before (the "running" notice) and after (the result). */
export async function runAction(
  s: Pick<SlackServices, 'outbox' | 'accountActions'>,
  action: AccountAction,
): Promise<void> {
  s.outbox.kick();
  if (action.state !== 'running') return;
  await s.accountActions!.execute(action);
  s.outbox.kick();
}

/** Every refused step of an account action is logged with who, which report, where and why. */
export function logRefusal(
  logger: Logger,
  p: { userId: string; reportId: number | null | undefined; step: 'click' | 'confirm' | 'approve'; why: string },
): void {
  logger.warn({ slackUserId: p.userId, reportId: p.reportId, step: p.step, why: p.why }, 'account action refused');
}
