/** Small builders for the Block Kit pieces this app uses; they return plain objects. */
export const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });
export const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text });
export const section = (text: string) => ({ type: 'section' as const, text: mrkdwn(truncate(text, 3000)) });
export const context = (text: string) => ({ type: 'context' as const, elements: [mrkdwn(truncate(text, 3000))] });
export const divider = () => ({ type: 'divider' as const });
export const header = (text: string) => ({ type: 'header' as const, text: plain(truncate(text, 150)) });

/** Slack rejects a whole message when one text is too long: cut it visibly instead. */
export function truncate(text: string, max: number): string {
  // No more UTF-16 units than `max` means no more characters: most texts never need splitting.
  if (text.length <= max) return text;
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** User-written text shown in mrkdwn must not ping channels or render links/mentions it did not mean. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A modal with a submit button: the shape every form of this app shares. */
export function formModal(p: {
  callbackId: string;
  privateMetadata?: string;
  title: string;
  submit: string;
  close: string;
  blocks: unknown[];
}) {
  return {
    type: 'modal' as const,
    callback_id: p.callbackId,
    ...(p.privateMetadata !== undefined ? { private_metadata: p.privateMetadata } : {}),
    title: plain(truncate(p.title, 24)),
    submit: plain(truncate(p.submit, 24)),
    close: plain(truncate(p.close, 24)),
    blocks: p.blocks,
  };
}

/** A button whose value names what it acts on (a report, a cover, a reply…). */
export function button(actionId: string, text: string, value: string, style?: 'primary' | 'danger') {
  return { type: 'button' as const, action_id: actionId, text: plain(text), value, ...(style ? { style } : {}) };
}
