/**
 * A small forward proxy on 127.0.0.1 for end-to-end tests: `CONNECT host:port` tunnels (https://, wss://, and
 * what undici sends for every target) and absolute-form requests (`POST http://host:port/path`, what a node:http
 * client sends for http:// targets). Records each request's target and its Proxy-Authorization.
 */
import dc from 'node:diagnostics_channel';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';

export interface ProxiedRequest {
  kind: 'connect' | 'forward';
  /** `host:port` the client asked for. */
  target: string;
  /** Absolute-form requests: the path asked for. */
  path?: string;
  proxyAuthorization?: string;
}

export class FakeProxy {
  readonly requests: ProxiedRequest[] = [];
  /** Local ports of the proxy's own connections to targets: a server seeing one of these was reached through us. */
  readonly upstreamPorts = new Set<number>();
  private readonly sockets = new Set<net.Socket>();

  private constructor(
    private readonly server: http.Server,
    /** When set, requests without exactly this Proxy-Authorization are answered 407. */
    private readonly requiredAuthorization: string | undefined,
  ) {
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) =>
      this.tunnel(req, client, head),
    );
    server.on('request', (req, res) => this.forward(req, res));
  }

  static async start(options: { requireAuthorization?: string } = {}): Promise<FakeProxy> {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    return new FakeProxy(server, options.requireAuthorization);
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Targets seen (`127.0.0.1:5555`), each once, in order of first appearance. */
  targets(): string[] {
    return [...new Set(this.requests.map((r) => r.target))];
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private authorized(req: http.IncomingMessage): boolean {
    return (
      this.requiredAuthorization === undefined || req.headers['proxy-authorization'] === this.requiredAuthorization
    );
  }

  private record(kind: ProxiedRequest['kind'], target: string, req: http.IncomingMessage, path?: string): void {
    const auth = req.headers['proxy-authorization'];
    this.requests.push({
      kind,
      target,
      ...(path !== undefined ? { path } : {}),
      ...(auth ? { proxyAuthorization: auth } : {}),
    });
  }

  private tunnel(req: http.IncomingMessage, client: net.Socket, head: Buffer): void {
    const target = req.url ?? '';
    this.record('connect', target, req);
    if (!this.authorized(req)) {
      client.end(
        'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\ncontent-length: 0\r\n\r\n',
      );
      return;
    }
    const match = target.match(/^\[?([^\]]+?)\]?:(\d+)$/);
    if (!match) {
      client.end('HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    const upstream = net.connect({ host: match[1]!, port: Number(match[2]) });
    this.sockets.add(upstream);
    upstream.on('close', () => this.sockets.delete(upstream));
    upstream.once('connect', () => {
      this.upstreamPorts.add(upstream.localPort!);
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\n\r\n'));
    client.on('error', () => upstream.destroy());
  }

  private forward(req: http.IncomingMessage, res: http.ServerResponse): void {
    let url: URL;
    try {
      url = new URL(req.url ?? '');
    } catch {
      // Origin-form: the client talked to us as if we were the server.
      res.writeHead(400).end('absolute-form request expected');
      return;
    }
    this.record('forward', url.host, req, url.pathname + url.search);
    if (!this.authorized(req)) {
      res.writeHead(407, { 'proxy-authenticate': 'Basic realm="test"' }).end();
      return;
    }
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    delete headers['proxy-connection'];
    const upstream = http.request(
      { host: url.hostname, port: url.port, method: req.method, path: url.pathname + url.search, headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('socket', (socket) => {
      const note = () => this.upstreamPorts.add(socket.localPort!);
      if (socket.localPort) note();
      else socket.once('connect', note);
    });
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  }
}

export interface AcceptedConnection {
  /** The port of the server that accepted it. */
  serverPort: number;
  /** The client's port (compare with FakeProxy.upstreamPorts). */
  remotePort: number;
}

/**
 * Every TCP connection any server in this process accepts (node:diagnostics_channel `net.server.socket`), so a test
 * can tell which connections to a fake came from the proxy and which came straight from the app.
 */
export class AcceptedConnections {
  readonly accepted: AcceptedConnection[] = [];
  private readonly listener = (message: unknown) => {
    const { socket } = message as { socket: net.Socket };
    if (socket.localPort && socket.remotePort)
      this.accepted.push({ serverPort: socket.localPort, remotePort: socket.remotePort });
  };

  constructor() {
    dc.subscribe('net.server.socket', this.listener);
  }

  /** Connections accepted on `serverPort`. */
  at(serverPort: number): AcceptedConnection[] {
    return this.accepted.filter((c) => c.serverPort === serverPort);
  }

  clear(): void {
    this.accepted.length = 0;
  }

  stop(): void {
    dc.unsubscribe('net.server.socket', this.listener);
  }
}
