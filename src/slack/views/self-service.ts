import type { Ineligible, SelfServiceNotices, SelfServiceRemedy } from '../../account-actions/self-service.js';
import { formatTime, translator, type Locale, type Translate } from '../../i18n/index.js';
import type { OutgoingMessage } from '../../outbox/outbox.js';
import { ActionIds } from '../ids.js';
import { button, context, escapeMrkdwn, plain, section } from './blocks.js';

/** What the report step of the troubleshooter shows about self-service. */
export type SelfServiceOffer =
  /** "Reset it myself now" beside "Send to an admin". */
  | { kind: 'button'; remedy: SelfServiceRemedy }
  /** After the click: the one-time sign-in link. */
  | { kind: 'sign_in'; remedy: SelfServiceRemedy; url: string; minutes: number }
  /** Not possible for this reporter: one line why; the normal report stays. */
  | { kind: 'refused'; line: string };

/** The one line a reporter reads when self-service is not possible for them. */
export function ineligibleLine(reason: Ineligible, t: Translate): string {
  return t(`self_service.reason.${reason}`);
}

export function selfServiceBlocks(offer: SelfServiceOffer, t: Translate): unknown[] {
  switch (offer.kind) {
    case 'button':
      return [
        context(t('tree.self_service.offer')),
        {
          type: 'actions',
          block_id: 'self_service',
          elements: [
            button(ActionIds.selfServiceStart, t(`tree.self_service.button.${offer.remedy}`), offer.remedy, 'primary'),
          ],
        },
      ];
    case 'sign_in':
      return [
        section(t('tree.self_service.sign_in', { minutes: offer.minutes })),
        {
          type: 'actions',
          block_id: 'self_service',
          elements: [
            {
              type: 'button',
              style: 'primary',
              action_id: ActionIds.selfServiceSignIn,
              text: plain(t('tree.self_service.sign_in_button')),
              url: offer.url,
            },
          ],
        },
      ];
    case 'refused':
      return [context(t('tree.self_service.refused', { reason: offer.line }))];
  }
}

/** Thread replies in the channel's language; the reporter's DMs in theirs. Never a password. */
export function selfServiceNotices(p: { channelLocale: Locale; timezone: string }): SelfServiceNotices {
  const t = translator(p.channelLocale);
  const kind = (remedy: string, tr: Translate) =>
    tr(remedy === 'unlock' ? 'action.kind.unlock' : 'action.kind.reset_password');
  return {
    started: (report, { proof, cooldownHours }) => {
      const text = t('thread.self_service.started', {
        by: report.reporterSlackId,
        kind: kind(report.remedy, t),
        loginName: escapeMrkdwn(report.loginName),
        at: formatTime(proof.authTime, p.channelLocale, p.timezone),
        issuer: escapeMrkdwn(proof.issuer),
        subject: escapeMrkdwn(proof.subject),
        hours: cooldownHours,
      });
      return { text, blocks: [section(text)] };
    },
    handedOverThread: (report) => {
      const text = t('thread.self_service.handed_over', { kind: kind(report.remedy, t) });
      return { text, blocks: [section(text)] };
    },
    handedOverDm: (report) => {
      const rt = translator(report.locale);
      const text = rt('self_service.handed_over_dm', {
        id: report.id,
        kind: kind(report.remedy, rt),
        loginName: escapeMrkdwn(report.loginName),
      });
      return { text, blocks: [section(text)] };
    },
    refusedDm: (attempt, reason) => {
      const rt = translator(attempt.locale);
      const text = rt('self_service.refused_dm', {
        kind: kind(attempt.remedy, rt),
        loginName: escapeMrkdwn(attempt.loginName),
        reason: ineligibleLine(reason, rt),
      });
      return { text, blocks: [section(text)] } satisfies OutgoingMessage;
    },
  };
}
