import type { Harness } from './app-harness.js';
import type { SlackResponse } from './slack-request.js';

/** Drives the troubleshooter modal like a user: opens it, clicks answers, goes back, submits the report form. */
export class Walker {
  /** The modal as Slack currently shows it (last views.open / views.update / response_action update). */
  view: any;
  last?: SlackResponse;

  constructor(
    private readonly h: Harness,
    readonly userId: string,
  ) {}

  async open(via: 'command' | 'shortcut' = 'command'): Promise<this> {
    const before = this.h.slack.calls.length;
    if (via === 'command') await this.h.client.slashCommand({ userId: this.userId, text: '' });
    else await this.h.client.shortcut({ userId: this.userId, callbackId: 'login_report' });
    const opened = await this.h.slack.waitFor(
      (c) => c.method === 'views.open' && this.h.slack.calls.indexOf(c) >= before,
    );
    this.view = opened.response.view;
    await this.settle();
    return this;
  }

  /** Waits for the app's pending views.update calls (e.g. directory facts arriving) and adopts the newest view. */
  async settle(): Promise<void> {
    await this.h.app.idle();
    const updates = this.h.slack
      .callsTo('views.update')
      .filter((c) => c.args.view_id === this.view.id && c.status === 200);
    const latest = updates.at(-1);
    if (latest) this.view = latest.response.view;
  }

  /** The walk id the modal carries (its private_metadata), as the app wrote it. */
  walkId(): number {
    return (JSON.parse(this.view.private_metadata) as { w: number }).w;
  }

  text(): string {
    return JSON.stringify(this.view.blocks);
  }

  answers(): string[] {
    return this.view.blocks
      .filter((b: any) => b.type === 'actions' && String(b.block_id).startsWith('tree_answers_'))
      .flatMap((b: any) => b.elements.map((e: any) => e.value));
  }

  private async click(actionId: string, value: string): Promise<void> {
    this.last = await this.h.client.blockAction({
      userId: this.userId,
      actionId,
      value,
      view: {
        id: this.view.id,
        hash: this.view.hash,
        private_metadata: this.view.private_metadata,
        callback_id: this.view.callback_id,
      },
    });
    await this.settle();
  }

  choose(answerId: string): Promise<void> {
    return this.click(`tree_answer:${answerId}`, answerId);
  }
  back(): Promise<void> {
    return this.click('tree_back', 'back');
  }
  fixed(): Promise<void> {
    return this.click('tree_fixed', 'fixed');
  }
  stuck(): Promise<void> {
    return this.click('tree_stuck', 'stuck');
  }

  async submit(loginName: string, details = ''): Promise<SlackResponse> {
    this.last = await this.h.client.viewSubmission({
      userId: this.userId,
      callbackId: 'login_report',
      viewId: this.view.id,
      privateMetadata: this.view.private_metadata,
      values: {
        login_name: { login_name_input: { type: 'plain_text_input', value: loginName } },
        details: { details_input: { type: 'plain_text_input', value: details || null } },
      },
    });
    if (this.last.body?.response_action === 'update') this.view = this.last.body.view;
    return this.last;
  }

  close(): Promise<SlackResponse> {
    return this.h.client.viewClosed({
      userId: this.userId,
      callbackId: 'login_report',
      privateMetadata: this.view.private_metadata,
    });
  }
}
