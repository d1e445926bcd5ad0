import { isStorageError } from '../../health.js';
import type { Locale } from '../../i18n/index.js';
import { submitReport, type ReportInput, type SubmitOutcome, type SubmitRefusal } from '../../reports/submit-report.js';
import { current } from '../../troubleshoot/engine.js';
import { reportRemedy } from '../../troubleshoot/schema.js';
import { WalkStore } from '../../troubleshoot/walk-store.js';
import type { ViewArgs } from '../dispatcher.js';
import { ReportForm } from '../ids.js';
import type { RequestContext } from '../request-context.js';
import { lifecycleContext, type SlackServices } from '../services.js';
import { threadLinks } from '../thread-links.js';
import { filedForYouDm } from '../views/intake.js';
import { reportReceivedDm } from '../views/report-message.js';
import { submissionRefusedText } from '../views/submission-refused.js';
import { decodeMetadata, troubleshootDoneModal, type WalkMetadata } from '../views/troubleshoot-modal.js';
import { readReportForm } from './report-form.js';
import { tree } from './walk.js';

/** How long a refused submission waits for its open reports' permalinks before answering (Slack allows 3 s). */
const PERMALINK_WAIT_MS = 1000;

/** "Send to an admin": the report is stored before the ack (an acknowledged submission is never lost). */
export function submitTroubleshooterReport(s: SlackServices) {
  const walks = new WalkStore(s.deps.db);
  return async ({ ack, view }: ViewArgs, ctx: RequestContext): Promise<void> => {
    const { userId, locale, t } = ctx;
    const done = (text: string) =>
      ack({ response_action: 'update', view: troubleshootDoneModal(text, locale) as never });
    const meta = decodeOrNull(view.private_metadata);
    const leaf = meta && current(tree, meta.state);
    if (!meta || !leaf || leaf.kind !== 'leaf' || (leaf.outcome === 'self_help' && !meta.reporting))
      return done(t('tree.expired'));
    const form = readReportForm((view.state?.values ?? {}) as never, t);
    if (!form.ok) return ack({ response_action: 'errors', errors: form.errors });
    // Walked for a message's author (as the server recorded it): they are the reporter, in their language.
    const walk = walks.get(meta.walkId);
    const onBehalfOf = walk?.slackUserId === userId ? walk.onBehalfOf : null;
    const reporterLocale = onBehalfOf ? await s.profiles.locale(onBehalfOf) : locale;
    const input = {
      reporterSlackId: userId,
      loginName: form.loginName,
      leafId: leaf.id,
      remedy: reportRemedy(leaf),
      path: meta.state.path,
      walkId: meta.walkId,
      details: form.details.trim(),
      locale: reporterLocale,
    };
    const outcome = store(s, input, userId);
    if (!outcome)
      return ack({ response_action: 'errors', errors: { [ReportForm.loginName.block]: t('error.storage') } });
    if (outcome.kind === 'refused') {
      s.deps.logger.info(
        { slackUserId: userId, walkId: meta.walkId, reason: outcome.reason },
        'report submission refused',
      );
      return done(await refusedText(s, outcome, locale));
    }
    const { report } = outcome;
    await done(
      report.filedBySlackId
        ? t('intake.done_filed_for', { id: report.id, author: report.reporterSlackId })
        : t('tree.done_reported', { id: report.id }),
    );
    s.deps.logger.info(
      { reportId: report.id, slackUserId: userId, leafId: leaf.id, created: outcome.kind === 'created' },
      outcome.kind === 'created' ? 'report created' : 'report submission replayed',
    );
    s.outbox.kick();
  };
}

function decodeOrNull(raw: string): WalkMetadata | null {
  try {
    return decodeMetadata(tree, raw);
  } catch {
    return null;
  }
}

function limitsOf(s: SlackServices) {
  return { maxOpen: s.deps.config.limits.maxOpenReports, perHour: s.deps.config.limits.reportsPerHour };
}

/** Stores the report (one transaction; one walk makes at most one report); null when storage failed and nothing was stored. */
function store(s: SlackServices, input: ReportInput, userId: string): SubmitOutcome | null {
  try {
    return submitReport(s.deps.db, {
      input,
      lifecycle: lifecycleContext(s),
      limits: limitsOf(s),
      receivedDm: (r) =>
        r.filedBySlackId
          ? filedForYouDm(r)
          : reportReceivedDm(r, s.sso !== null && s.sso.identityOf(r.reporterSlackId) === null),
    });
  } catch (error) {
    if (!isStorageError(error)) throw error;
    // The form keeps what the user typed; the caller says so in it.
    s.deps.logger.error({ slackUserId: userId, code: (error as { code?: string }).code }, 'report could not be stored');
    return null;
  }
}

/** Why no report was made, with links to the reporter's open ones. */
async function refusedText(s: SlackServices, outcome: SubmitRefusal, locale: Locale): Promise<string> {
  const open = 'open' in outcome ? outcome.open : [];
  const links = await threadLinks(s.client, open, PERMALINK_WAIT_MS);
  return submissionRefusedText(outcome, { locale, timezone: s.deps.config.timezone, limits: limitsOf(s), links });
}
