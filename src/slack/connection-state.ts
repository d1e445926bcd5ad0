// The app's link to Slack as /healthz reports it: starting (Slack not reached yet), running, disconnected (Socket
// Mode without a connection for longer than allowed) or stopping.

import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';

export type AppState = 'starting' | 'running' | 'disconnected' | 'stopping';

/** The events of @slack/socket-mode's client this follows (its `State` names, plus `close` and `error`). */
export interface SocketModeEvents {
  // biome-ignore lint/suspicious/noExplicitAny: the shape of Node's EventEmitter.on, which any client has.
  on(event: string, listener: (...args: any[]) => void): unknown;
}

export interface SlackConnectionSnapshot {
  mode: 'socket' | 'http';
  /** Socket Mode: the WebSocket is open. HTTP mode: Slack calls in, so this is true once the token was verified. */
  connected: boolean;
  /** When `connected` last changed (ISO 8601), null before the first connection. */
  since: string | null;
  /** Socket Mode: the client is trying to connect again. */
  reconnecting: boolean;
  /** How long without a connection, once it was lost (seconds). */
  disconnectedSeconds?: number;
  /** The last network problem seen (host and error; never a URL with its ticket, never a token). */
  lastProblem?: string;
}

export class SlackConnection {
  private phase: 'starting' | 'ready' | 'stopping' = 'starting';
  private connected = false;
  private changedAt: number | null = null;
  private reconnecting = false;
  private lastProblem: string | null = null;
  private reportedUnhealthy = false;

  constructor(
    readonly mode: 'socket' | 'http',
    private readonly clock: Clock,
    /** Socket Mode: how long without a connection before the app counts as disconnected (503). */
    private readonly unhealthyAfterMs: number,
    private readonly logger: Logger,
  ) {}

  /** Slack was reached (auth.test, and in Socket Mode the first connection): the app takes work from now on. */
  ready(): void {
    this.phase = 'ready';
    if (this.mode === 'http') this.markConnected();
  }

  stopping(): void {
    this.phase = 'stopping';
  }

  get isReady(): boolean {
    return this.phase === 'ready';
  }

  state(): AppState {
    if (this.phase !== 'ready') return this.phase;
    if (this.mode === 'http' || this.connected) return 'running';
    const without = this.clock.now() - (this.changedAt ?? this.clock.now());
    if (without < this.unhealthyAfterMs) return 'running';
    if (!this.reportedUnhealthy) {
      this.reportedUnhealthy = true;
      this.logger.error(
        { disconnectedSeconds: Math.round(without / 1000), lastProblem: this.lastProblem },
        'no Slack connection for too long: /healthz answers 503 until it is back',
      );
    }
    return 'disconnected';
  }

  snapshot(): SlackConnectionSnapshot {
    const now = this.clock.now();
    return {
      mode: this.mode,
      connected: this.connected,
      since: this.changedAt === null ? null : new Date(this.changedAt).toISOString(),
      reconnecting: this.reconnecting,
      ...(!this.connected && this.changedAt !== null
        ? { disconnectedSeconds: Math.max(0, Math.round((now - this.changedAt) / 1000)) }
        : {}),
      ...(this.lastProblem ? { lastProblem: this.lastProblem } : {}),
    };
  }

  /** Records a network problem (already described without secrets). */
  problem(description: string): void {
    this.lastProblem = description;
  }

  /** Follows the Socket Mode client: connected, lost (the WebSocket closed), reconnecting. */
  watch(client: SocketModeEvents, describe: (error: unknown) => string): void {
    client.on('connected', () => this.markConnected());
    client.on('reconnecting', () => {
      this.reconnecting = true;
    });
    client.on('close', () => this.markLost());
    client.on('disconnected', () => this.markLost());
    client.on('error', (error: unknown) => this.problem(`Socket Mode: ${describe(error)}`));
  }

  private markConnected(): void {
    const now = this.clock.now();
    if (this.phase === 'ready' && !this.connected && this.changedAt !== null) {
      this.logger.info({ disconnectedSeconds: Math.round((now - this.changedAt) / 1000) }, 'Slack connection restored');
    }
    this.connected = true;
    this.reconnecting = false;
    this.reportedUnhealthy = false;
    this.changedAt = now;
  }

  private markLost(): void {
    if (!this.connected) return;
    this.connected = false;
    this.changedAt = this.clock.now();
    // The client reconnects on its own (autoReconnectEnabled); its `reconnecting` event only comes after a pause.
    this.reconnecting = this.phase === 'ready';
    if (this.phase === 'ready')
      this.logger.warn(
        { unhealthyAfterSeconds: Math.round(this.unhealthyAfterMs / 1000) },
        'Slack connection lost: reconnecting',
      );
  }
}
