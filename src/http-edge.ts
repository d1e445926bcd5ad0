import { STATUS_CODES, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from './logger.js';

/** A handler may answer synchronously or asynchronously; a rejection is answered like a throw. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** One path and the handler for each method it accepts (upper case). */
export interface EdgeRoute {
  path: string;
  methods: Partial<Record<string, RouteHandler>>;
}

/**
 * The request target as routed: only origin-form (`/…`). The path is normalised the way a browser would (repeated
 * slashes collapsed, `.` and `..` segments resolved, `%2e` read as a dot, a trailing slash dropped) and the
 * fragment dropped; percent-escapes are otherwise kept as sent, so `/slack%2Fevents` is another path (404).
 * Returns null for any other form (`*`, `http://host/…`): those are answered 400.
 */
export function normaliseTarget(url: string | undefined): { path: string; query: string } | null {
  if (!url?.startsWith('/')) return null;
  const withoutFragment = url.split('#', 1)[0]!;
  const queryAt = withoutFragment.indexOf('?');
  const rawPath = queryAt === -1 ? withoutFragment : withoutFragment.slice(0, queryAt);
  const query = queryAt === -1 ? '' : withoutFragment.slice(queryAt);
  const segments: string[] = [];
  for (const segment of rawPath.split('/')) {
    const dots = segment.replace(/%2e/gi, '.');
    if (segment === '' || dots === '.') continue;
    if (dots === '..') segments.pop();
    else segments.push(segment);
  }
  return { path: `/${segments.join('/')}`, query };
}

/**
 * The app's only HTTP request listener, in both modes: normalises the target, then routes it. Unknown paths get
 * 404, a known path with another method 405 with `Allow`, a target that is not a path 400. Whatever a handler
 * throws or rejects with is logged and answered 500 once; nothing reaches the process as an uncaught error.
 * Handlers see the normalised target in `req.url`, so every later parser (Bolt's included) reads one spelling.
 */
export function httpEdge(routes: EdgeRoute[], logger: Logger): RequestListener {
  const byPath = new Map(routes.map((route) => [route.path, route]));
  const fail = (req: IncomingMessage, res: ServerResponse, error: unknown) => {
    logger.error(
      { err: (error as Error)?.message ?? String(error), method: req.method, path: normaliseTarget(req.url)?.path },
      'HTTP request handler failed',
    );
    answer(req, res, 500);
  };
  return (req, res) => {
    try {
      const target = normaliseTarget(req.url);
      if (!target) return answer(req, res, 400);
      const route = byPath.get(target.path);
      if (!route) return answer(req, res, 404);
      const method = req.method ?? '';
      const handler = Object.hasOwn(route.methods, method) ? route.methods[method] : undefined;
      if (!handler) return answer(req, res, 405, { allow: Object.keys(route.methods).join(', ') });
      req.url = target.path + target.query;
      const pending = handler(req, res);
      if (pending) pending.catch((error: unknown) => fail(req, res, error));
    } catch (error) {
      fail(req, res, error);
    }
  };
}

/** The most of an unwanted body read and dropped after a refusal; a longer one is cut off with the connection. */
export const DRAIN_LIMIT_BYTES = 8 * 1024 * 1024;

/**
 * An answer without a body. What the client is still sending of a refused request body is read and dropped (up
 * to DRAIN_LIMIT_BYTES): closing the connection while it still sends would reset it, and take the answer along.
 */
export function answer(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) {
    if (!res.writableEnded) res.destroy();
    return;
  }
  const drained = discardBody(req);
  res.writeHead(status, drained ? headers : { ...headers, connection: 'close' });
  res.end();
}

function discardBody(req: IncomingMessage): boolean {
  if (req.readableEnded) return true;
  if (Number(req.headers['content-length'] ?? 0) > DRAIN_LIMIT_BYTES) return false;
  let seen = 0;
  req.on('data', (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > DRAIN_LIMIT_BYTES) req.socket.destroy();
  });
  req.resume();
  return true;
}

/**
 * A request Node's parser refused (an unknown method such as `BREW`, a malformed request line, headers too
 * large): answered 400 (431 for headers, 408 for a timeout) with `Connection: close`, and what the client still
 * sends is read and dropped. Node's own handler destroys the socket at once, and closing a socket with unread
 * bytes makes the kernel reset the connection, so a client still sending its body never reads the answer.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  // A response already on this socket (the bytes that failed came after it, e.g. an unread body once the answer
  // said `Connection: close`): nothing more may be written, as in Node's own handler.
  const answered = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true;
  if (error.code === 'ECONNRESET' || !socket.writable || answered) {
    socket.destroy();
    return;
  }
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.on('error', () => socket.destroy());
  socket.resume();
  // The client has had its answer: it gets a moment to stop sending, not a connection held open.
  setTimeout(() => socket.destroy(), CLIENT_ERROR_LINGER_MS).unref();
}

const CLIENT_ERROR_LINGER_MS = 2000;
