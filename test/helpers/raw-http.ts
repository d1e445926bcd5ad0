/**
 * Requests exactly as written: fetch() normalises the path (`/slack/./events` → `/slack/events`) and refuses
 * odd methods, which is what an attacker's client would not do. node:http sends the path and method verbatim.
 */
import { request } from 'node:http';
import { connect } from 'node:net';

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface RawRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** One request on a fresh connection; rejects when no answer came at all (connection reset, or none in `timeoutMs`). */
export function rawRequest(baseUrl: string, r: RawRequest, timeoutMs = 30_000): Promise<RawAnswer> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: hostname, port, method: r.method ?? 'GET', path: r.path, headers: r.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.setTimeout(timeoutMs, () =>
      req.destroy(new Error(`no answer to ${r.method ?? 'GET'} ${r.path.slice(0, 80)} within ${timeoutMs} ms`)),
    );
    req.end(r.body);
  });
}

/** Writes bytes on a socket and returns whatever came back before the server closed it (or `timeoutMs`). */
export function rawSocket(baseUrl: string, bytes: string, timeoutMs = 2000): Promise<string> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect(Number(port), hostname, () => socket.write(bytes));
    const done = () => resolve(Buffer.concat(chunks).toString('latin1'));
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('close', done);
    socket.on('error', done);
    socket.setTimeout(timeoutMs, () => socket.destroy());
  });
}
