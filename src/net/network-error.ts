// What went wrong on the wire, in one short phrase an operator can act on: the error code (ECONNREFUSED,
// ENOTFOUND, a certificate problem…) and the innermost message, found through the wrappers libraries add
// (WebAPIRequestError.original, fetch's TypeError.cause, AggregateError.errors).

import { scrubSecrets } from '../logger.js';

export interface NetworkProblem {
  /** e.g. ECONNREFUSED, ENOTFOUND, ETIMEDOUT, CERT_HAS_EXPIRED; 'TIMEOUT' for an answer that did not come in time; '' when unknown. */
  code: string;
  message: string;
  /** The server's certificate is not trusted: retrying will not help. */
  certificate: boolean;
}

const CERTIFICATE_CODES =
  /^(CERT_|UNABLE_TO_(GET_ISSUER_CERT|VERIFY_LEAF)|SELF_SIGNED_CERT|DEPTH_ZERO_SELF_SIGNED|ERR_TLS_CERT_ALTNAME)/;

export function networkProblem(error: unknown): NetworkProblem {
  let code: string | undefined;
  let message = 'network error without details';
  const seen = new Set<unknown>();
  const stack: unknown[] = [error];
  while (stack.length > 0) {
    const current = stack.shift();
    if (current === null || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    const e = current as {
      code?: unknown;
      name?: unknown;
      message?: unknown;
      original?: unknown;
      cause?: unknown;
      error?: unknown;
      errors?: unknown;
    };
    if (e.name === 'TimeoutError' || e.name === 'AbortError') code ??= 'TIMEOUT';
    if (typeof e.code === 'string' && !e.code.startsWith('slack_')) code ??= e.code;
    if (typeof e.message === 'string' && e.message !== '' && e.message !== 'fetch failed') message = e.message;
    stack.push(e.original, e.cause, e.error, ...(Array.isArray(e.errors) ? e.errors : []));
  }
  code ??= '';
  return {
    code,
    message: scrubSecrets(message).replace(/\/\/[^/\s@]*@/g, '//'),
    certificate: CERTIFICATE_CODES.test(code),
  };
}

/** `TIMEOUT (no answer within 10000 ms)`, or the message alone when it already names the code. */
export function describeNetworkError(error: unknown): string {
  const { code, message } = networkProblem(error);
  return message.includes(code) ? message : `${code} (${message})`;
}
