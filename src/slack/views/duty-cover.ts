import type { DutyCover } from '../../../db/schema.js';
import { formatTime, translator, type Locale, type Translate } from '../../i18n/index.js';
import type { CoverRefusal } from '../../roster/covers.js';
import { ActionIds, CallbackIds } from '../ids.js';
import { button, formModal, plain, section } from './blocks.js';

type Zone = { locale: Locale; timezone: string };

/** DM to the covering admin, with the button to decline. */
export function coverRequestDm(cover: DutyCover, p: Zone) {
  const t = translator(p.locale);
  const text = t('duty.cover.dm', {
    by: cover.requestedBy,
    from: formatTime(cover.startAt, p.locale, p.timezone),
    to: formatTime(cover.endAt, p.locale, p.timezone),
  });
  return {
    text,
    blocks: [
      section(text),
      {
        type: 'actions',
        block_id: `cover_${cover.id}`,
        elements: [button(ActionIds.dutyCoverDecline, t('duty.cover.decline'), String(cover.id), 'danger')],
      },
    ],
  };
}

/** DM to the admin who asked: the coverer declined. */
export function coverDeclinedDm(cover: DutyCover, p: Zone) {
  const text = translator(p.locale)('duty.cover.declined_dm', {
    who: cover.coverSlackId,
    from: formatTime(cover.startAt, p.locale, p.timezone),
    to: formatTime(cover.endAt, p.locale, p.timezone),
  });
  return { text, blocks: [section(text)] };
}

export function coverRefusalText(reason: CoverRefusal, t: Translate): string {
  return t(`duty.cover.refused.${reason}`);
}

/** Block and action ids of the cover form (internal). */
export const CoverForm = {
  who: { block: 'cover_who', action: 'cover_who_input' },
  start: { block: 'cover_start', action: 'cover_start_input' },
  end: { block: 'cover_end', action: 'cover_end_input' },
} as const;

/** App Home's "Ask for cover" modal: who, and from/to as `YYYY-MM-DD HH:MM` in TIMEZONE (the command's grammar). */
export function coverModal(t: Translate, timezone: string) {
  const text = (block: { block: string; action: string }, label: string) => ({
    type: 'input',
    block_id: block.block,
    label: plain(label),
    element: { type: 'plain_text_input', action_id: block.action, placeholder: plain('2026-12-01 09:00') },
  });
  return formModal({
    callbackId: CallbackIds.dutyCoverModal,
    title: t('duty.cover.title'),
    submit: t('duty.cover.submit'),
    close: t('modal.cancel'),
    blocks: [
      {
        type: 'input',
        block_id: CoverForm.who.block,
        label: plain(t('duty.cover.who')),
        element: { type: 'users_select', action_id: CoverForm.who.action },
      },
      text(CoverForm.start, t('duty.cover.from', { zone: timezone })),
      text(CoverForm.end, t('duty.cover.to', { zone: timezone })),
    ],
  });
}
