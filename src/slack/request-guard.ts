import type { IncomingMessage, RequestListener } from 'node:http';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { parse as parseQuery } from 'node:querystring';
import { answer, type RouteHandler } from '../http-edge.js';
import type { Logger } from '../logger.js';

/** Slack's own payloads are a few KiB; a modal state with every field filled stays far below this. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The handler of `POST /slack/events` (the HTTP edge has already normalised the path, so every spelling of it
 * arrives here). Reads the body once, at most MAX_BODY_BYTES (413 beyond), refuses a bad or stale signature (401)
 * and a body that is not one JSON object (400) before Bolt sees it: Bolt throws on bodies such as `null`. An
 * unsigned `ssl_check` is answered here, so nothing sent along with it reaches Bolt. This is the only check of the
 * signature: Bolt's receiver is built with `signatureVerification: false` and reached only through here.
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
    if (!validSignature(req.headers, text, p.signingSecret)) {
      if (isSslCheck(req, text)) return answer(req, res, 200);
      p.logger.warn('request with a bad or stale signature refused');
      return answer(req, res, 401);
    }
    if (!isObjectBody(req, text)) {
      p.logger.warn('signed request with a malformed body refused');
      return answer(req, res, 400);
    }
    // Bolt reuses a body that was already read (BufferedIncomingMessage).
    (req as IncomingMessage & { rawBody: Buffer }).rawBody = raw;
    inner(req, res);
  };
}

/** How old (or how far ahead) a request's timestamp may be: Slack's own advice, and what Bolt allows. */
export const SIGNATURE_MAX_AGE_S = 5 * 60;

/**
 * Slack's v0 signature: `v0=` and the hex HMAC-SHA256 of `v0:{timestamp}:{body}` under the signing secret, with a
 * timestamp within SIGNATURE_MAX_AGE_S of now (a replayed request is refused). Compared in constant time with
 * node's `timingSafeEqual` (Bolt's helper compares through tsscmp, which draws random bytes and hashes twice more
 * on every request). Slack stamps requests with the real time, so the wall clock is what they are checked against.
 */
export function validSignature(
  headers: IncomingMessage['headers'],
  body: string,
  signingSecret: string,
  nowSec = Date.now() / 1000,
): boolean {
  const timestamp = String(headers['x-slack-request-timestamp'] ?? '');
  const signature = String(headers['x-slack-signature'] ?? '');
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(nowSec - Number(timestamp)) > SIGNATURE_MAX_AGE_S) return false;
  if (!/^v0=[0-9a-f]{64}$/.test(signature)) return false;
  const expected = createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest();
  return timingSafeEqual(Buffer.from(signature.slice(3), 'hex'), expected);
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
