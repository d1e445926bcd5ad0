/**
 * Plays the part of Slack's servers calling the app: builds realistic, signed
 * requests (slash commands, interactivity payloads) and POSTs them to the real
 * app's `/slack/events` endpoint.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { stringify } from 'node:querystring';

export interface SlackResponse {
  status: number;
  /** Parsed JSON when the body is JSON, else the text; `''` when empty. */
  body: any;
  text: string;
  headers: Record<string, string>;
}

export interface SignatureHeaders {
  'x-slack-request-timestamp': string;
  'x-slack-signature': string;
}

/** Slack's v0 request signature: `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{body}`. */
export function sign(secret: string, body: string, timestampSec = Math.floor(Date.now() / 1000)): SignatureHeaders {
  const hmac = createHmac('sha256', secret).update(`v0:${timestampSec}:${body}`).digest('hex');
  return { 'x-slack-request-timestamp': String(timestampSec), 'x-slack-signature': `v0=${hmac}` };
}

export interface SlashCommandOpts {
  userId: string;
  text?: string;
  /** Default `/kintone-login`. */
  command?: string;
  channelId?: string;
  triggerId?: string;
  /** Default `http://127.0.0.1:1/response` (nothing listens there); see FakeSlack.responseUrl(). */
  responseUrl?: string;
  userName?: string;
}

export interface BlockActionOpts {
  userId: string;
  actionId: string;
  value?: string;
  blockId?: string;
  /** When given, the action happened inside this modal (merged over a default view). */
  view?: any;
  /** Message actions only: channel of the message (default `C1`). */
  channel?: string;
  /** Message actions only: ts of the message carrying the button. */
  messageTs?: string;
  triggerId?: string;
  selectedOption?: { value: string };
  responseUrl?: string;
}

export interface ViewSubmissionOpts {
  userId: string;
  callbackId: string;
  /** `state.values`: block_id → action_id → element state (e.g. `{ value: 'x' }`). */
  values: Record<string, Record<string, any>>;
  privateMetadata?: string;
  viewId?: string;
  triggerId?: string;
}

export interface ShortcutOpts {
  userId: string;
  callbackId: string;
  triggerId?: string;
}

export interface MessageShortcutOpts {
  userId: string;
  callbackId: string;
  channel?: string;
  /** The message the shortcut was used on (`user` absent and `bot_id` set for a bot's message). */
  message: { user?: string; text: string; ts?: string; bot_id?: string };
  triggerId?: string;
  responseUrl?: string;
}

export interface ViewClosedOpts {
  userId: string;
  callbackId: string;
  privateMetadata?: string;
}

export interface RawOpts {
  /** Default `application/x-www-form-urlencoded`. */
  contentType?: string;
  /** Default true; false sends no signature headers at all. */
  signed?: boolean;
  timestampSec?: number;
  /** Send this `x-slack-signature` instead of the correct one. */
  signature?: string;
}

const DEFAULT_RESPONSE_URL = 'http://127.0.0.1:1/response';

const rand = (prefix: string) => `${prefix}${randomBytes(6).toString('hex')}`;
/** Trigger ids look like `12345.98765.abcd…`. */
const randomTriggerId = () => `${Date.now()}.1.${randomBytes(16).toString('hex')}`;
const nowTs = () => (Date.now() / 1000).toFixed(6);

export class SlackClientSim {
  private readonly endpoint: string;

  /** @param baseUrl the app's origin, e.g. `http://127.0.0.1:1234` (a full `…/slack/events` URL also works). */
  constructor(
    baseUrl: string,
    private readonly signingSecret: string,
  ) {
    const trimmed = baseUrl.replace(/\/+$/, '');
    this.endpoint = trimmed.endsWith('/slack/events') ? trimmed : `${trimmed}/slack/events`;
  }

  slashCommand(opts: SlashCommandOpts): Promise<SlackResponse> {
    const channelId = opts.channelId ?? 'C1';
    const body = stringify({
      token: 'legacy',
      team_id: 'T1',
      team_domain: 'fake',
      channel_id: channelId,
      channel_name: channelId.startsWith('D') ? 'directmessage' : 'general',
      user_id: opts.userId,
      user_name: opts.userName ?? opts.userId,
      command: opts.command ?? '/kintone-login',
      text: opts.text ?? '',
      api_app_id: 'A1',
      is_enterprise_install: 'false',
      response_url: opts.responseUrl ?? DEFAULT_RESPONSE_URL,
      trigger_id: opts.triggerId ?? randomTriggerId(),
    });
    return this.raw(body);
  }

  blockAction(opts: BlockActionOpts): Promise<SlackResponse> {
    const action: Record<string, any> = {
      type: opts.selectedOption ? 'static_select' : 'button',
      action_id: opts.actionId,
      block_id: opts.blockId ?? rand('b'),
      action_ts: nowTs(),
      ...(opts.value !== undefined ? { value: opts.value } : {}),
      ...(opts.selectedOption
        ? { selected_option: { text: { type: 'plain_text', text: opts.selectedOption.value }, ...opts.selectedOption } }
        : {}),
    };
    const common = {
      type: 'block_actions',
      ...this.identity(opts.userId),
      trigger_id: opts.triggerId ?? randomTriggerId(),
      actions: [action],
    };

    let payload: Record<string, any>;
    if (opts.view !== undefined) {
      const view = { ...defaultView('', '', opts.view?.id), ...opts.view };
      payload = {
        ...common,
        container: { type: 'view', view_id: view.id },
        view,
        state: view.state,
      };
    } else {
      const channel = opts.channel ?? 'C1';
      const ts = opts.messageTs ?? nowTs();
      payload = {
        ...common,
        container: { type: 'message', message_ts: ts, channel_id: channel, is_ephemeral: false },
        channel: { id: channel, name: channel.startsWith('D') ? 'directmessage' : 'general' },
        message: { type: 'message', user: 'UBOT', bot_id: 'BBOT', app_id: 'A1', team: 'T1', text: '', ts, blocks: [] },
        state: { values: {} },
        response_url: opts.responseUrl ?? DEFAULT_RESPONSE_URL,
      };
    }
    return this.sendPayload(payload);
  }

  viewSubmission(opts: ViewSubmissionOpts): Promise<SlackResponse> {
    const view = defaultView(opts.callbackId, opts.privateMetadata ?? '', opts.viewId);
    view.state = { values: opts.values };
    return this.sendPayload({
      type: 'view_submission',
      ...this.identity(opts.userId),
      trigger_id: opts.triggerId ?? randomTriggerId(),
      view,
      response_urls: [],
    });
  }

  shortcut(opts: ShortcutOpts): Promise<SlackResponse> {
    return this.sendPayload({
      type: 'shortcut',
      ...this.identity(opts.userId),
      callback_id: opts.callbackId,
      trigger_id: opts.triggerId ?? randomTriggerId(),
      action_ts: nowTs(),
    });
  }

  /** A message shortcut (`message_action`) as Slack sends it. */
  messageShortcut(opts: MessageShortcutOpts): Promise<SlackResponse> {
    const channel = opts.channel ?? 'C1';
    const ts = opts.message.ts ?? nowTs();
    return this.sendPayload({
      type: 'message_action',
      ...this.identity(opts.userId),
      callback_id: opts.callbackId,
      trigger_id: opts.triggerId ?? randomTriggerId(),
      action_ts: nowTs(),
      message_ts: ts,
      channel: { id: channel, name: 'general' },
      message: {
        type: 'message',
        ts,
        text: opts.message.text,
        ...(opts.message.user ? { user: opts.message.user } : {}),
        ...(opts.message.bot_id ? { bot_id: opts.message.bot_id, subtype: 'bot_message' } : {}),
      },
      response_url: opts.responseUrl ?? DEFAULT_RESPONSE_URL,
    });
  }

  viewClosed(opts: ViewClosedOpts): Promise<SlackResponse> {
    return this.sendPayload({
      type: 'view_closed',
      ...this.identity(opts.userId),
      view: defaultView(opts.callbackId, opts.privateMetadata ?? ''),
      is_cleared: false,
    });
  }

  /** POST an arbitrary body (signed correctly unless told otherwise) — for malformed / forged requests. */
  /** An Events API delivery (JSON body), e.g. `{ type: 'app_home_opened', user, tab: 'home' }`. */
  event(event: Record<string, unknown>): Promise<SlackResponse> {
    const body = JSON.stringify({
      token: 'legacy',
      team_id: 'T1',
      api_app_id: 'A1',
      type: 'event_callback',
      event_id: `Ev${randomBytes(5).toString('hex').toUpperCase()}`,
      event_time: Math.floor(Date.now() / 1000),
      event: { event_ts: `${Math.floor(Date.now() / 1000)}.000100`, ...event },
    });
    return this.raw(body, { contentType: 'application/json' });
  }

  async raw(body: string, opts: RawOpts = {}): Promise<SlackResponse> {
    const headers: Record<string, string> = {
      'content-type': opts.contentType ?? 'application/x-www-form-urlencoded',
    };
    if (opts.signed !== false) {
      Object.assign(headers, sign(this.signingSecret, body, opts.timestampSec));
      if (opts.signature !== undefined) headers['x-slack-signature'] = opts.signature;
    }
    const res = await fetch(this.endpoint, { method: 'POST', headers, body });
    const text = await res.text();
    let parsed: any = text;
    if (text !== '') {
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON (e.g. a plain-text ack): keep the text
      }
    }
    return { status: res.status, body: parsed, text, headers: Object.fromEntries(res.headers.entries()) };
  }

  /** Interactivity requests are form bodies with a single `payload` field holding JSON. */
  private sendPayload(payload: Record<string, any>): Promise<SlackResponse> {
    return this.raw(stringify({ payload: JSON.stringify(payload) }));
  }

  private identity(userId: string) {
    return {
      user: { id: userId, username: userId, name: userId, team_id: 'T1' },
      team: { id: 'T1', domain: 'fake' },
      enterprise: null,
      is_enterprise_install: false,
      api_app_id: 'A1',
      token: 'legacy',
    };
  }
}

function defaultView(callbackId: string, privateMetadata: string, id?: string): Record<string, any> {
  const viewId = id ?? `V${randomBytes(5).toString('hex').toUpperCase()}`;
  return {
    id: viewId,
    team_id: 'T1',
    type: 'modal',
    callback_id: callbackId,
    private_metadata: privateMetadata,
    external_id: '',
    title: { type: 'plain_text', text: 'kintone' },
    blocks: [],
    state: { values: {} },
    hash: `${Math.floor(Date.now() / 1000)}.${randomBytes(4).toString('hex')}`,
    root_view_id: viewId,
    previous_view_id: null,
    app_id: 'A1',
    bot_id: 'BBOT',
    clear_on_close: false,
    notify_on_close: false,
  };
}
