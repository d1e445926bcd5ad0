/**
 * Slack's side of Socket Mode on 127.0.0.1: answers `apps.connections.open` (through FakeSlack) with a ws:// URL,
 * says hello to the app, pushes envelopes and collects the app's acks.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { FakeSlack } from './fake-slack.js';

export interface Ack {
  envelope_id: string;
  payload?: any;
}

export class FakeSocketMode {
  readonly appTokens: string[] = [];
  private socket: WebSocket | undefined;
  private readonly acks = new Map<string, (ack: Ack) => void>();
  private connectedResolve!: () => void;
  readonly connected = new Promise<void>((resolve) => (this.connectedResolve = resolve));

  private constructor(private readonly server: WebSocketServer) {
    server.on('connection', (socket) => {
      this.socket = socket;
      socket.on('message', (data) => {
        const ack = JSON.parse(String(data)) as Ack;
        this.acks.get(ack.envelope_id)?.(ack);
      });
      socket.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A1' } }));
      this.connectedResolve();
    });
  }

  static async start(slack: FakeSlack): Promise<FakeSocketMode> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const fake = new FakeSocketMode(server);
    const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/link`;
    slack.override('apps.connections.open', () => ({ ok: true, url }));
    return fake;
  }

  /** Sends an envelope (e.g. type `slash_commands` with the command payload) and waits for the app's ack. */
  send(type: string, payload: Record<string, unknown>, timeoutMs = 5000): Promise<Ack> {
    const envelopeId = randomUUID();
    return new Promise<Ack>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ack for ${type} within ${timeoutMs} ms`)), timeoutMs);
      this.acks.set(envelopeId, (ack) => {
        clearTimeout(timer);
        resolve(ack);
      });
      this.socket?.send(JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: true }));
    });
  }

  async close(): Promise<void> {
    for (const client of this.server.clients) client.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
