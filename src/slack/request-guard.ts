import type { IncomingMessage, RequestListener } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import { verifySlackRequest } from '@slack/bolt';
import { answer, type RouteHandler } from '../http-edge.js';
import type { Logger } from '../logger.js';

/** Slack's own payloads are a few KiB; a modal state with every field filled stays far below this. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The handler of `POST /slack/events` (the HTTP edge has already normalised the path, so every spelling of it
 * arrives here). Reads the body once, at most MAX_BODY_BYTES (413 beyond), refuses a bad or stale signature (401)
 * and a body that is not one JSON object (400) before Bolt sees it: Bolt throws on bodies such as `null`. An
 * unsigned `ssl_check` is answered here, so nothing sent along with it reaches Bolt.
 */
export function guardSlackRequests(inner: RequestListener, p: { signingSecret: string; logger: Logger }): RouteHandler {
  return async (req, res) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) {
      p.logger.warn({ bytes: declared }, 'request body too large refused');
      return answer(req, res, 413);
    }
    let raw: Buffer | null;
    try {
      raw = await readBody(req, MAX_BODY_BYTES);
    } catch {
      return answer(req, res, 400);
    }
    if (raw === null) {
      p.logger.warn('request body too large refused');
      return answer(req, res, 413);
    }
    const text = raw.toString('utf8');
    if (!validSignature(req, text, p.signingSecret)) {
      if (isSslCheck(req, text)) return answer(req, res, 200);
      p.logger.warn('request with a bad or stale signature refused');
      return answer(req, res, 401);
    }
    if (!isObjectBody(req, text)) {
      p.logger.warn('signed request with a malformed body refused');
      return answer(req, res, 400);
    }
    // Bolt reuses a body that was already read (BufferedIncomingMessage) and verifies the signature again.
    (req as IncomingMessage & { rawBody: Buffer }).rawBody = raw;
    inner(req, res);
  };
}

function validSignature(req: IncomingMessage, body: string, signingSecret: string): boolean {
  try {
    verifySlackRequest({
      signingSecret,
      body,
      headers: {
        'x-slack-signature': String(req.headers['x-slack-signature'] ?? ''),
        'x-slack-request-timestamp': Number(req.headers['x-slack-request-timestamp']),
      },
    });
    return true;
  } catch {
    return false;
  }
}

/**
 * The body, or null as soon as it passes `limit` bytes (what was read is dropped; the 413 drains the rest).
 * Rejects when the client goes away mid-body.
 */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.pause();
        chunks.length = 0;
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
    req.on('aborted', () => reject(new Error('client aborted')));
  });
}

/**
 * Parsed the way Bolt parses it (a form whose `payload` field is JSON, a form without one, else JSON), it must be
 * one object: a `payload` sent twice, or holding `null`, a number, a string or an array, is refused.
 */
function isObjectBody(req: IncomingMessage, text: string): boolean {
  try {
    let body: unknown;
    if (req.headers['content-type'] === 'application/x-www-form-urlencoded') {
      const form = parseQuery(text);
      if (Array.isArray(form.payload)) return false;
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
