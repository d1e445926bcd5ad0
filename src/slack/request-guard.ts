import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import { verifySlackRequest } from '@slack/bolt';
import type { Logger } from '../logger.js';

const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Runs before Bolt's HTTP receiver on `/slack/events`: reads the body once, refuses a bad or stale signature
 * (401) and a body that is not a JSON object (400) before Bolt sees it. Bolt would otherwise throw on
 * bodies such as `null` without ever answering, leaving the connection open.
 */
export function guardSlackRequests(inner: RequestListener, p: { signingSecret: string; logger: Logger; path?: string }): RequestListener {
  const path = p.path ?? '/slack/events';
  return (req, res) => {
    if (req.method !== 'POST' || req.url?.split('?')[0] !== path) return inner(req, res);
    void readBody(req)
      .then((raw) => {
        if (raw === null) return answer(res, 413);
        const text = raw.toString('utf8');
        try {
          verifySlackRequest({
            signingSecret: p.signingSecret,
            body: text,
            headers: {
              'x-slack-signature': String(req.headers['x-slack-signature'] ?? ''),
              'x-slack-request-timestamp': Number(req.headers['x-slack-request-timestamp']),
            },
          });
        } catch {
          if (!isSslCheck(req, text)) {
            p.logger.warn({ path }, 'request with a bad or stale signature refused');
            return answer(res, 401);
          }
        }
        if (!isObjectBody(req, text)) {
          p.logger.warn({ path }, 'signed request with a malformed body refused');
          return answer(res, 400);
        }
        // Bolt reuses a body that was already read (BufferedIncomingMessage) and verifies the signature again.
        (req as IncomingMessage & { rawBody: Buffer }).rawBody = raw;
        inner(req, res);
      })
      .catch(() => answer(res, 400));
  };
}

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(null);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Parsed the way Bolt parses it (form with an optional `payload` field, else JSON): it must be an object. */
function isObjectBody(req: IncomingMessage, text: string): boolean {
  try {
    let body: unknown;
    if (req.headers['content-type'] === 'application/x-www-form-urlencoded') {
      const form = parseQuery(text);
      body = typeof form.payload === 'string' ? JSON.parse(form.payload) : form;
    } else {
      body = JSON.parse(text);
    }
    return typeof body === 'object' && body !== null && !Array.isArray(body);
  } catch {
    return false;
  }
}

function isSslCheck(req: IncomingMessage, text: string): boolean {
  return req.headers['content-type'] === 'application/x-www-form-urlencoded' && parseQuery(text).ssl_check === '1';
}

function answer(res: ServerResponse, status: number): void {
  if (res.headersSent) return;
  res.writeHead(status);
  res.end();
}
