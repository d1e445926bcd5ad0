import { translator, type MessageKey } from '../../i18n/index.js';
import { loginNameProblem, type LoginNameProblem } from '../../directory/login-name.js';
import { submitReport } from '../../reports/submit-report.js';
import { isSymptom } from '../../reports/symptoms.js';
import { CallbackIds, ReportForm } from '../ids.js';
import type { SlackRouter } from '../router.js';
import type { SlackServices } from '../services.js';
import { reportModal } from '../views/report-modal.js';
import { reportMessage, reportReceivedDm } from '../views/report-message.js';

const LOGIN_NAME_ERRORS: Record<LoginNameProblem, MessageKey> = {
  empty: 'modal.error.login_name_empty',
  too_long: 'modal.error.login_name_too_long',
  forbidden_character: 'modal.error.login_name_chars',
  surrounding_space: 'modal.error.login_name_spaces',
};

export function registerReport(router: SlackRouter, s: SlackServices): void {
  router.shortcut(CallbackIds.loginReport, async ({ shortcut, ack, client }) => {
    await ack();
    const t = translator(await s.profiles.locale(shortcut.user.id));
    try {
      await client.views.open({ trigger_id: shortcut.trigger_id, view: reportModal(t) as never });
    } catch (error) {
      s.deps.logger.warn({ slackUserId: shortcut.user.id, err: (error as Error).message }, 'views.open failed for the shortcut');
      await client.chat.postEphemeral({ channel: shortcut.user.id, user: shortcut.user.id, text: t('error.modal_unavailable') }).catch(() => {});
    }
  });

  router.view(CallbackIds.loginReport, async ({ ack, body, view }) => {
    const userId = body.user.id;
    const locale = await s.profiles.locale(userId);
    const t = translator(locale);
    const values = view.state?.values ?? {};
    const loginName = stringValue(values[ReportForm.loginName.block]?.[ReportForm.loginName.action]?.value);
    const symptom = values[ReportForm.symptom.block]?.[ReportForm.symptom.action]?.selected_option?.value;
    const details = stringValue(values[ReportForm.details.block]?.[ReportForm.details.action]?.value);

    const errors: Record<string, string> = {};
    const loginProblem = loginNameProblem(loginName);
    if (loginProblem) errors[ReportForm.loginName.block] = t(LOGIN_NAME_ERRORS[loginProblem]);
    if (!isSymptom(symptom)) errors[ReportForm.symptom.block] = t('modal.error.symptom_missing');
    if ([...details].length > 2000) errors[ReportForm.details.block] = t('modal.error.details_too_long');
    if (Object.keys(errors).length > 0 || !isSymptom(symptom)) {
      await ack({ response_action: 'errors', errors });
      return;
    }

    const { config, db, clock, logger } = s.deps;
    // Stored before the ack: an acknowledged submission is never lost.
    const { report, created } = submitReport(db, {
      input: { reporterSlackId: userId, loginName, symptom, details: details.trim(), locale, submissionKey: `view:${view.id}` },
      supportChannelId: config.supportChannelId,
      now: clock.now(),
      messages: {
        rootMessage: (r) => reportMessage(r, { locale: config.defaultLocale, timezone: config.timezone }),
        receivedDm: reportReceivedDm,
      },
    });
    await ack();
    logger.info({ reportId: report.id, slackUserId: userId, created }, created ? 'report created' : 'report submission replayed');
    s.outbox.kick();
  });
}

function stringValue(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
