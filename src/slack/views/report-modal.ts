import type { Translate } from '../../i18n/index.js';
import { SYMPTOMS } from '../../reports/symptoms.js';
import { CallbackIds, ReportForm } from '../ids.js';
import { context, plain } from './blocks.js';

/** The report form opened by `/kintone-login` and the global shortcut. */
export function reportModal(t: Translate) {
  return {
    type: 'modal' as const,
    callback_id: CallbackIds.loginReport,
    title: plain(t('modal.title')),
    submit: plain(t('modal.submit')),
    close: plain(t('modal.close')),
    blocks: [
      context(t('modal.intro')),
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
        },
      },
      {
        type: 'input',
        block_id: ReportForm.symptom.block,
        label: plain(t('modal.symptom.label')),
        element: {
          type: 'static_select',
          action_id: ReportForm.symptom.action,
          placeholder: plain(t('modal.symptom.placeholder')),
          options: SYMPTOMS.map((s) => ({ text: plain(t(`symptom.${s}`)), value: s })),
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
        },
      },
    ],
  };
}
