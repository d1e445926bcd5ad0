import { scrubSecrets, type Logger } from './logger.js';

/**
 * Errors that belong to one connection or stream (a client went away mid-answer, a peer reset the socket): the
 * process is sound, only that exchange is lost. Anything else thrown and never caught may have left the app in a
 * state nobody planned for, so it stops (the database is transactional; the supervisor starts it again).
 */
const CONNECTION_ERROR_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ERR_STREAM_DESTROYED',
  'ERR_STREAM_PREMATURE_CLOSE',
  'ERR_STREAM_WRITE_AFTER_END',
  'ERR_HTTP_HEADERS_SENT',
  'ERR_HTTP_REQUEST_TIMEOUT',
  'ERR_SOCKET_CLOSED',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);

export function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && CONNECTION_ERROR_CODES.has(code);
}

/** What is logged about an error nobody caught: its kind and where, never a token (free text is scrubbed). */
function describe(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { err: scrubSecrets(String(error)).slice(0, 500) };
  const { code } = error as { code?: unknown };
  return {
    err: scrubSecrets(error.message).slice(0, 500),
    name: error.name,
    ...(typeof code === 'string' ? { code } : {}),
    stack: scrubSecrets(error.stack ?? ''),
  };
}

export interface LastResort {
  /** A promise nobody awaited failed: log it and keep serving (the request it belonged to has its own timeout). */
  onUnhandledRejection(reason: unknown): void;
  /** A throw nobody caught: a connection error is logged and served past; anything else stops the process. */
  onUncaughtException(error: unknown): void;
}

export function lastResort(logger: Logger, stop: (exitCode: number) => void): LastResort {
  return {
    onUnhandledRejection(reason) {
      logger.error(describe(reason), 'unhandled promise rejection; still serving');
    },
    onUncaughtException(error) {
      if (isConnectionError(error)) {
        logger.warn(describe(error), 'uncaught connection error; still serving');
        return;
      }
      logger.fatal(describe(error), 'uncaught exception: stopping');
      stop(1);
    },
  };
}

/** Installs the handlers on the process; from then on Node's default (print and exit) no longer applies. */
export function installLastResort(proc: NodeJS.Process, handlers: LastResort): void {
  proc.on('unhandledRejection', (reason) => handlers.onUnhandledRejection(reason));
  proc.on('uncaughtException', (error) => handlers.onUncaughtException(error));
}
