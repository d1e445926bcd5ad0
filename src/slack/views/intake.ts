import type { Report } from '../../../db/schema.js';
import { formatTime, translator, type Locale, type Translate } from '../../i18n/index.js';
import type { OutgoingMessage } from '../../outbox/outbox.js';
import type { RatingSummary } from '../../reports/ratings.js';
import { ActionIds, CallbackIds, RatingForm } from '../ids.js';
import { button, context, escapeMrkdwn, formModal, plain, section, truncate } from './blocks.js';

/**
 * The message shortcut's first question: whose problem is it? The walk id and the message's text ride along; who the
 * author is does not (the server recorded it on the walk).
 */
export function forWhomModal(p: { t: Translate; walkId: number; author: string; details: string }) {
  const { t } = p;
  return {
    type: 'modal' as const,
    callback_id: CallbackIds.messageReportFor,
    notify_on_close: true,
    private_metadata: JSON.stringify({ w: p.walkId, d: p.details }),
    title: plain(truncate(t('tree.title'), 24)),
    close: plain(t('tree.close')),
    blocks: [
      section(t('intake.for_whom', { author: p.author })),
      context(`> ${escapeMrkdwn(truncate(p.details.replace(/\s+/g, ' '), 300))}`),
      {
        type: 'actions',
        block_id: 'for_whom',
        elements: [
          button(ActionIds.messageReportSelf, t('intake.for_me'), 'self', 'primary'),
          button(ActionIds.messageReportAuthor, t('intake.for_author'), 'author'),
        ],
      },
    ],
  };
}

/** The author's DM when someone filed a report for them: it is theirs only once they say so. */
export function filedForYouDm(report: Report): OutgoingMessage {
  const t = translator(report.locale);
  const body = t('intake.filed_for_you', { id: report.id, by: report.filedBySlackId ?? '', permalink: '{permalink}' });
  return {
    text: body,
    blocks: [
      section(body),
      {
        type: 'actions',
        block_id: `confirm_self_${report.id}`,
        elements: [
          button(ActionIds.reporterConfirmSelf, t('intake.this_is_me'), String(report.id), 'primary'),
          button(ActionIds.reporterNotMe, t('intake.not_me'), String(report.id)),
          button(ActionIds.reporterFixedNow, t('dm.fixed_now'), String(report.id)),
        ],
      },
    ],
  };
}

/** The threaded offer under a help-channel message, seen by everyone there, in the poster's language. */
export function listenReplyMessage(p: { locale: Locale; replyId: number; poster: string }): OutgoingMessage {
  const t = translator(p.locale);
  const body = t('listen.reply', { user: p.poster });
  return {
    text: body,
    blocks: [
      section(body),
      {
        type: 'actions',
        block_id: `listen_${p.replyId}`,
        elements: [
          button(ActionIds.listenOpen, t('listen.open'), String(p.replyId), 'primary'),
          button(ActionIds.listenNotThis, t('listen.not_this'), String(p.replyId)),
        ],
      },
    ],
  };
}

/** "Are you back in?" → yes: how well did it go, 1–5, and anything to add. */
export function ratingModal(t: Translate, reportId: number) {
  return formModal({
    callbackId: CallbackIds.reporterRatingModal,
    privateMetadata: String(reportId),
    title: t('rating.title'),
    submit: t('rating.submit'),
    close: t('rating.skip'),
    blocks: [
      section(t('rating.intro', { id: reportId })),
      {
        type: 'input',
        block_id: RatingForm.score.block,
        label: plain(t('rating.score')),
        element: {
          type: 'radio_buttons',
          action_id: RatingForm.score.action,
          options: [5, 4, 3, 2, 1].map((n) => ({
            value: String(n),
            text: plain(t(`rating.score.${n as 1 | 2 | 3 | 4 | 5}`)),
          })),
        },
      },
      {
        type: 'input',
        block_id: RatingForm.comment.block,
        optional: true,
        label: plain(t('rating.comment')),
        element: { type: 'plain_text_input', action_id: RatingForm.comment.action, multiline: true, max_length: 500 },
      },
    ],
  });
}

/** The rating form's last screen. */
export function ratingDoneModal(t: Translate, text: string) {
  return {
    type: 'modal' as const,
    callback_id: 'reporter_rating_done',
    title: plain(truncate(t('rating.title'), 24)),
    close: plain(t('tree.close')),
    blocks: [section(text)],
  };
}

/** Ratings for admins (stats, App Home): median, count, the latest comments — comments are user text, escaped. */
export function ratingLines(summary: RatingSummary, p: { t: Translate; locale: Locale; timezone: string }): string[] {
  const { t } = p;
  if (summary.count === 0) return [t('rating.summary.title'), t('rating.summary.none')];
  const median = Number.isInteger(summary.median) ? String(summary.median) : summary.median!.toFixed(1);
  return [
    t('rating.summary.title'),
    t('rating.summary.figures', { median, count: summary.count }),
    ...summary.comments.map((c) =>
      t('rating.summary.comment', {
        score: c.score,
        id: c.reportId,
        at: formatTime(c.at, p.locale, p.timezone),
        comment: escapeMrkdwn(truncate(c.comment.replace(/\s+/g, ' '), 200)),
      }),
    ),
  ];
}
