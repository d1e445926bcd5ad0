import type {
  AllMiddlewareArgs,
  AnyMiddlewareArgs,
  BlockAction,
  Middleware,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackShortcutMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
  ViewClosedAction,
  GlobalShortcut,
  MessageShortcut,
} from '@slack/bolt';
import type { Logger } from '../logger.js';
import { requestContext, type RequestContext } from './request-context.js';
import type { SlackServices } from './services.js';
import type { SlackWebClient } from './web-client.js';

export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;
export type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;
export type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;
export type ViewClosedArgs = SlackViewMiddlewareArgs<ViewClosedAction> & AllMiddlewareArgs;
export type ShortcutArgs = SlackShortcutMiddlewareArgs<GlobalShortcut> & AllMiddlewareArgs;
export type MessageShortcutArgs = SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs;
export type MessageEventArgs = SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs;
export type HomeOpenedArgs = SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs;

// biome-ignore lint/suspicious/noExplicitAny: a payload as Slack sent it, read field by field with checks.
type SlackBody = Record<string, any>;

/** An interactive request's handler: Bolt's arguments and the request's context (user, language, answers). */
type Handler<A> = (args: A, ctx: RequestContext) => Promise<void>;
/** Events carry no user to answer: their handlers get Bolt's arguments only. */
type EventHandler<A> = (args: A) => Promise<void>;

/** What is wired; the manifest test checks manifest.yml declares exactly these. */
export interface Registered {
  commands: string[];
  /** Global shortcuts' callback ids. */
  shortcuts: string[];
  messageShortcuts: string[];
  /** As the manifest names them (`message.channels`, not `message`). */
  events: string[];
}

/**
 * Requests handled at once, counting the work a handler does after its ack (views.update, users.info, cybozu.com
 * calls). Beyond it a request waits before its ack: Slack then sees the app's real pace, and memory stays bounded.
 * Without a bound, a flood of button presses each acked at once left thousands of handlers waiting on Slack calls
 * (~25 KiB each: the request, its payload, the view being sent): 150 MiB in the bench. A very bad morning (hundreds
 * locked out at once) is ~50 requests/s, each in flight well under a second: far below this.
 */
export const MAX_REQUESTS_IN_FLIGHT = 256;

/**
 * Routes every request by its id through one lookup instead of one Bolt listener per handler: Bolt runs
 * every listener's middleware chain for every request, so the cost of the ack grows with each listener
 * (measured: 0.48× → 0.7× a bare app's throughput). Requests nobody handles are acknowledged at once
 * instead of timing out after 3 seconds.
 */
export class SlackDispatcher {
  private readonly commands = new Map<string, Handler<CommandArgs>>();
  private readonly actions = new Map<string, Handler<ActionArgs>>();
  private readonly actionPrefixes: [string, Handler<ActionArgs>][] = [];
  private readonly views = new Map<string, Handler<ViewArgs>>();
  private readonly closedViews = new Map<string, Handler<ViewClosedArgs>>();
  private readonly shortcuts = new Map<string, Handler<ShortcutArgs>>();
  private readonly messageShortcuts = new Map<string, Handler<MessageShortcutArgs>>();
  // biome-ignore lint/suspicious/noExplicitAny: each event type has its own arguments; the registration methods type them.
  private readonly events = new Map<string, EventHandler<any>>();
  /** Manifest event names, when they differ from the event's type (message.channels → message). */
  private readonly subscriptions: string[] = [];
  private handling = 0;
  /** Requests waiting for one in flight to finish, first come first served. */
  private readonly waiting: (() => void)[] = [];
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly logger: Logger,
    /** Handed to every handler as `client` instead of the one Bolt builds per request (see web-client.ts). */
    private readonly client: SlackWebClient,
    private readonly services: SlackServices,
    private readonly maxInFlight = MAX_REQUESTS_IN_FLIGHT,
  ) {}

  command(name: string, handler: Handler<CommandArgs>): void {
    this.commands.set(name, handler);
  }
  action(actionId: string, handler: Handler<ActionArgs>): void {
    this.actions.set(actionId, handler);
  }
  /** For families of buttons whose action_id carries data after a fixed prefix (ids are unique per block). */
  actionPrefix(prefix: string, handler: Handler<ActionArgs>): void {
    this.actionPrefixes.push([prefix, handler]);
  }
  view(callbackId: string, handler: Handler<ViewArgs>): void {
    this.views.set(callbackId, handler);
  }
  viewClosed(callbackId: string, handler: Handler<ViewClosedArgs>): void {
    this.closedViews.set(callbackId, handler);
  }
  shortcut(callbackId: string, handler: Handler<ShortcutArgs>): void {
    this.shortcuts.set(callbackId, handler);
  }
  messageShortcut(callbackId: string, handler: Handler<MessageShortcutArgs>): void {
    this.messageShortcuts.set(callbackId, handler);
  }
  appHomeOpened(handler: EventHandler<HomeOpenedArgs>): void {
    this.events.set('app_home_opened', handler);
    this.subscriptions.push('app_home_opened');
  }
  /** Messages posted in public (`message.channels`) and private (`message.groups`) channels the app is in. */
  channelMessage(handler: EventHandler<MessageEventArgs>): void {
    this.events.set('message', handler);
    this.subscriptions.push('message.channels', 'message.groups');
  }

  registered(): Registered {
    return {
      commands: [...this.commands.keys()],
      shortcuts: [...this.shortcuts.keys()],
      messageShortcuts: [...this.messageShortcuts.keys()],
      events: [...this.subscriptions],
    };
  }

  /** Resolves once no request is being handled (for graceful shutdown). */
  idle(): Promise<void> {
    return this.handling === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** How many requests are being handled (at most `maxInFlight`). */
  get inFlight(): number {
    return this.handling;
  }

  /** How many requests wait for a place (see MAX_REQUESTS_IN_FLIGHT). */
  get queued(): number {
    return this.waiting.length;
  }

  /**
   * Installed with `app.use`: it never calls next(), so Bolt's own listener loop has nothing to do. At most
   * `maxInFlight` requests are handled at once; the next waits, unacknowledged, for one of them to finish.
   */
  middleware(): Middleware<AnyMiddlewareArgs> {
    return async (args) => {
      if (this.handling < this.maxInFlight) this.handling++;
      else await new Promise<void>((resolve) => this.waiting.push(resolve)); // handed a finished request's place
      try {
        await this.route(args as AnyMiddlewareArgs & AllMiddlewareArgs);
      } finally {
        const next = this.waiting.shift();
        if (next) next();
        else if (--this.handling === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
      }
    };
  }

  private async route(args: AnyMiddlewareArgs & AllMiddlewareArgs): Promise<void> {
    const body = args.body as SlackBody;
    const handler = this.find(body);
    args.client = this.client;
    // Bolt's respond() sends with fetch; the same message over the lean client's keep-alive connections.
    const client = this.client;
    if (typeof body.response_url === 'string' && 'respond' in args)
      (args as { respond: unknown }).respond = (message: Record<string, unknown> | string) =>
        client.respond(body.response_url, message);
    if (!handler) {
      this.logger.debug(
        { type: body.type ?? (body.command ? 'command' : 'unknown') },
        'no handler: acknowledged and ignored',
      );
      if ('ack' in args && typeof args.ack === 'function') await (args.ack as () => Promise<void>)();
      return;
    }
    if (body.type === 'event_callback') return (handler as EventHandler<typeof args>)(args);
    // A button's ack carries nothing: acknowledge before anything slow (the user's language may need users.info).
    if (body.type === 'block_actions') await acknowledgeOnce(args);
    return handler(args, await this.contextOf(body, args));
  }

  /** Who asked and in which language, worked out once for the handler. */
  private async contextOf(body: SlackBody, args: AnyMiddlewareArgs): Promise<RequestContext> {
    const userId = String(body.user?.id ?? body.user_id ?? '');
    const locale = await this.services.profiles.locale(userId);
    const what = String(
      body.command ?? body.actions?.[0]?.action_id ?? body.view?.callback_id ?? body.callback_id ?? body.type,
    );
    const respond =
      'respond' in args ? (args.respond as (message: Record<string, unknown>) => Promise<unknown>) : undefined;
    return requestContext({
      services: this.services,
      client: this.client,
      userId,
      locale,
      what,
      ...(respond ? { respond } : {}),
    });
  }

  // biome-ignore lint/suspicious/noExplicitAny: the handler found matches the payload's kind, which only the lookup knows.
  private find(body: SlackBody): Handler<any> | EventHandler<any> | undefined {
    if (typeof body.command === 'string') return this.commands.get(body.command);
    switch (body.type) {
      case 'block_actions': {
        const actionId = String(body.actions?.[0]?.action_id);
        return this.actions.get(actionId) ?? this.actionPrefixes.find(([prefix]) => actionId.startsWith(prefix))?.[1];
      }
      case 'view_submission':
        return this.views.get(String(body.view?.callback_id));
      case 'view_closed':
        return this.closedViews.get(String(body.view?.callback_id));
      case 'shortcut':
        return this.shortcuts.get(String(body.callback_id));
      case 'message_action':
        return this.messageShortcuts.get(String(body.callback_id));
      case 'event_callback':
        return this.events.get(String(body.event?.type));
      default:
        return undefined;
    }
  }
}

/** Acknowledges now and turns the handler's own `ack()` into a no-op (Bolt refuses a second ack). */
async function acknowledgeOnce(args: AnyMiddlewareArgs): Promise<void> {
  if (!('ack' in args) || typeof args.ack !== 'function') return;
  const ack = args.ack as () => Promise<void>;
  await ack();
  (args as { ack: unknown }).ack = async () => {};
}
