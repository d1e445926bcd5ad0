import { reports } from '../../db/schema.js';
import type { Harness } from './app-harness.js';
import { Walker } from './walker.js';

/** Answers that lead the troubleshooter to a leaf naming each remedy. */
export const PATHS = {
  reset_password: ['login_error', 'incorrect', 'forgot', 'no_form_or_mail'],
  unlock: ['login_error', 'locked', 'contact_admin'],
  resume: ['suspended'],
  assign_kintone: ['after_password', 'no_kintone'],
  disable_two_factor: ['after_password', 'code', 'no_phone'],
} as const;
export const BUTTON = {
  reset_password: 'report_reset_password',
  unlock: 'report_unlock',
  resume: 'report_resume',
  assign_kintone: 'report_assign_kintone',
} as const;
export const IDENTITY_CHECKED = { identity: { identity_checked: { selected_options: [{ value: 'verified' }] } } };

/** Drives a report's thread the way people do: reports, button presses, the confirmation modal; and reads what was sent. */
export function reportThread(h: Harness) {
  const rootOf = (id: number) =>
    h.db
      .select()
      .from(reports)
      .all()
      .find((r) => r.id === id)!;
  const report = async (remedy: keyof typeof PATHS, loginName: string, user: string, details?: string) => {
    const walker = await new Walker(h, user).open();
    for (const answer of PATHS[remedy]) if (walker.answers().includes(answer)) await walker.choose(answer);
    if (walker.view.submit === undefined) await walker.stuck();
    await walker.submit(loginName, details);
    await h.deliver();
    return h.db.select().from(reports).all().at(-1)!;
  };
  /** Presses a button (thread or DM) and returns the ephemeral answers it got. */
  const press = async (userId: string, actionId: string, value: string | number) => {
    const url = h.slack.responseUrl(`${userId}-${actionId}-${Math.random()}`);
    const r = rootOf(typeof value === 'number' ? value : 1);
    await h.client.blockAction({
      userId,
      actionId,
      value: String(value),
      channel: r?.rootChannel ?? 'C1',
      messageTs: r?.rootTs ?? '1',
      responseUrl: url,
      triggerId: `trig-${Math.random()}`,
    });
    await h.app.idle();
    await h.deliver();
    return h.slack.calls
      .filter((c) => c.method === 'response_url' && c.args._path === new URL(url).pathname)
      .map((c) => String(c.args.text));
  };
  /** The confirmation modal as it stands after the loading view was filled in. */
  const confirmView = () => h.slack.callsTo('views.update').at(-1)!.response.view;
  const confirm = async (
    userId: string,
    values: Record<string, unknown> = {},
    view = confirmView(),
    privateMetadata: string = view.private_metadata,
  ) => {
    const res = await h.client.viewSubmission({
      userId,
      callbackId: 'account_action_confirm',
      viewId: view.id,
      privateMetadata,
      values: values as never,
    });
    await h.app.idle();
    await h.deliver();
    return res;
  };
  /** Resolves a report through the Resolve button and its modal. */
  const resolve = async (userId: string, reportId: number) => {
    await press(userId, 'report_resolve', reportId);
    const modal = h.slack.callsTo('views.open').at(-1)!;
    await h.client.viewSubmission({
      userId,
      callbackId: 'report_resolve_modal',
      privateMetadata: modal.args.view.private_metadata,
      values: { note: { note_input: { value: '' } } },
    });
    await h.app.idle();
    await h.deliver();
  };
  const thread = (id: number) => h.threadReplies(rootOf(id).rootTs!).map((c) => String(c.args.text));
  const dmsTo = (user: string) => h.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === `D${user}`);
  const puts = () => h.cybozu.calls.filter((c) => c.method === 'PUT');
  return { rootOf, report, press, confirmView, confirm, resolve, thread, dmsTo, puts };
}
